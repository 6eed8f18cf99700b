// What fills a stored note's template (shared/notes.ts): numbers, texts, lists of codes.
// A leaf module, so the view schemas can name it without importing the catalogue.
import { z } from 'zod';

export const noteParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]));
export type NoteParams = z.infer<typeof noteParamsSchema>;
