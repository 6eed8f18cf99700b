// Each step of the report form is a browser history entry, so the phone's Back (and
// WeChat's, which is history.back) goes one step back and Forward one step on, with
// everything entered kept: the form stays mounted, only the entry's state changes.
// The history holds the step's name and nothing else. The entries are laid out as
//   [page before] [guard] [what] [evidence] [identity] [review] ([receipt])
// so step n is always n entries after the guard, and a jump back is history.go(-k).
// The guard looks like the first step; Back onto it is the reporter leaving the form,
// which is asked about first when something unsent would be lost.
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { STEP_COUNT } from './StepFrame';

const STEP_NAMES = ['what', 'evidence', 'identity', 'review'] as const;
export const GUARD = 'leave';
export const RECEIPT = 'receipt';
type EntryName = (typeof STEP_NAMES)[number] | typeof GUARD | typeof RECEIPT;

/** The only thing the report form puts in history. */
export interface StepState {
  reportStep: EntryName;
}

/** What the current history entry says, if the form made it. */
export function entryOf(state: unknown): EntryName | undefined {
  const name = (state as Partial<StepState> | null)?.reportStep;
  return name === GUARD || name === RECEIPT || STEP_NAMES.includes(name as never) ? name : undefined;
}

/** The step an entry stands for (the guard shows the first step); 0 when none. */
export function stepOfEntry(name: EntryName | undefined): number {
  if (name === GUARD) return 1;
  const index = STEP_NAMES.indexOf(name as never);
  return index + 1;
}

export function stateOfStep(step: number): StepState {
  return { reportStep: STEP_NAMES[step - 1] };
}

/** Navigation within /report that keeps the address (and its ?poster=) as it is. */
export function useEntryNavigation() {
  const navigate = useNavigate();
  const location = useLocation();
  const here = { pathname: location.pathname, search: location.search };
  return {
    entry: entryOf(location.state),
    push: (state: StepState) => void navigate(here, { state }),
    replace: (state: StepState) => void navigate(here, { state, replace: true }),
    go: (delta: number) => void navigate(delta),
  };
}

interface Options {
  /** The step a fresh entry starts at (a restored draft's). */
  savedStep: number;
  /** Whether the draft is fresh: a stale entry of a sent form then falls back to its first step. */
  fresh: boolean;
  /** Something would be lost by leaving (text not sent, photos attached). */
  unsent: boolean;
  /** A submission is under way: the form must not change under it. */
  locked: boolean;
  /** Asks whether to leave with unsent content; true to leave. */
  confirmLeave(): boolean;
  /** Called before the form leaves on purpose, so the browser does not ask a second time. */
  onLeave(): void;
}

/** The step shown, and a way to move to another one through history. */
export function useStepHistory({ savedStep, fresh, unsent, locked, confirmLeave, onLeave }: Options) {
  const { entry, push, replace, go } = useEntryNavigation();
  const step = stepOfEntry(entry) || savedStep;
  const arranged = useRef(false);

  // A visit without the form's entries (a link, a restored draft in a new tab, a new report
  // after a receipt): the guard in place of this entry, then one entry per step up to the draft's.
  useEffect(() => {
    if (arranged.current) return;
    arranged.current = true;
    const shown = stepOfEntry(entry);
    if (entry && entry !== RECEIPT && entry !== GUARD) {
      // Reload or Forward into the form: the entries are there. A stale one of a sent form goes to its first step.
      if (fresh && shown > 1) go(1 - shown);
      return;
    }
    if (entry !== GUARD) replace({ reportStep: GUARD });
    for (let n = 1; n <= Math.max(1, savedStep); n++) push(stateOfStep(n));
    // Only on arrival: later entries are the reporter's own moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, []);

  // Back onto the guard is leaving the form; while sending, the review step stays.
  const latest = useRef({ unsent, locked, confirmLeave, onLeave });
  latest.current = { unsent, locked, confirmLeave, onLeave };
  const arrival = useRef(true);
  useEffect(() => {
    if (arrival.current) {
      arrival.current = false; // the entry the form opened on is arranged above, not a move
      return;
    }
    const now = latest.current;
    if (now.locked && entry !== stateOfStep(STEP_COUNT).reportStep) {
      push(stateOfStep(STEP_COUNT));
      return;
    }
    if (entry !== GUARD) return;
    if (now.unsent && !now.confirmLeave()) return go(1); // stay: forward to the first step again
    now.onLeave();
    go(-1);
    // Reacts to the entry only; the rest is read as it is then.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [entry]);

  /** One step on is a new entry; back is the entries already there. */
  const goTo = (next: number) => {
    if (next === step) return;
    if (next === step + 1) push(stateOfStep(next));
    else go(next - step);
  };

  return { step, goTo };
}
