// The receipt shows the access key once. It is its own history entry on top of the
// review step's; until the reporter confirms they saved the key, Back comes straight
// back to it, links inside the app stay, and the browser asks on close or reload.
// Once confirmed, Back (or "report another") returns to a new, empty form.
import { useEffect, useRef } from 'react';
import { useBeforeUnload, useGuardedLinks } from './leaveGuard';
import { GUARD, RECEIPT, stepOfEntry, useEntryNavigation } from './stepHistory';
import { STEP_COUNT } from './StepFrame';

interface Options {
  confirmed: boolean;
  /** The reporter tried to leave before confirming. */
  onBlocked(): void;
  /** Back at the form's start: a new report. */
  onNewReport(): void;
}

export function useReceiptLeaving({ confirmed, onBlocked, onNewReport }: Options) {
  const { entry, push, go } = useEntryNavigation();
  const latest = useRef({ confirmed, onBlocked, onNewReport });
  latest.current = { confirmed, onBlocked, onNewReport };

  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    push({ reportStep: RECEIPT });
    // Once, when the receipt first shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, []);

  // Until the receipt's own entry is there, the entry is still the review step's: no move yet.
  const arrived = useRef(false);
  useEffect(() => {
    if (entry === RECEIPT) arrived.current = true;
    if (!arrived.current || entry === RECEIPT) return;
    const now = latest.current;
    if (!now.confirmed) {
      go(1); // forward to the receipt again
      return now.onBlocked();
    }
    const step = stepOfEntry(entry);
    if (entry === GUARD || step === 0) now.onNewReport();
    else go(-step); // to the guard, where the new form starts
    // Reacts to the entry only.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [entry]);

  useBeforeUnload(() => !latest.current.confirmed);
  useGuardedLinks(() => {
    if (!latest.current.confirmed) latest.current.onBlocked();
    return latest.current.confirmed;
  });

  /** "Report another": back past the sent form's steps to its start. */
  return { newReport: () => go(-(STEP_COUNT + 1)) };
}
