// A timeline step's note as the views send it: staff's words as written, the system's as its code
// and parameters, which the reader's screen words in their language (shared/notes.ts).
import type { NoteParams } from '../../shared/notes';
import { withoutAssumptionMarks } from '../../shared/rewards/texts';

export function noteFields(t: { note?: string | null; noteKey?: string | null; noteParams?: unknown }): {
  note?: string;
  noteKey?: string;
  noteParams?: NoteParams;
} {
  return {
    ...(t.note ? { note: t.note } : {}),
    ...(t.noteKey ? { noteKey: t.noteKey, noteParams: (t.noteParams ?? {}) as NoteParams } : {}),
  };
}

/**
 * The same for the reporter's own views: public pages say what applies, so the
 * marks on values the bureau has not confirmed are left out of the note and of
 * every text parameter (they stay in staff views).
 */
export function publicNoteFields(t: Parameters<typeof noteFields>[0]): ReturnType<typeof noteFields> {
  const fields = noteFields(t);
  // Another reporter's case is never named to a reporter: "the same matter as one already received".
  if (fields.noteKey === 'report.duplicate') return { noteKey: 'report.same-matter', noteParams: {} };
  return {
    ...(fields.note ? { note: withoutAssumptionMarks(fields.note) } : {}),
    ...(fields.noteKey
      ? {
          noteKey: fields.noteKey,
          noteParams: Object.fromEntries(
            Object.entries(fields.noteParams ?? {}).map(([k, v]) => [
              k,
              typeof v === 'string' ? withoutAssumptionMarks(v) : v,
            ]),
          ),
        }
      : {}),
  };
}
