// A timeline step's note as the views send it: staff's words as written, the system's as its code
// and parameters, which the reader's screen words in their language (shared/notes.ts).
import type { NoteParams } from '../../shared/notes';

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
