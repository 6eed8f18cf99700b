// A staff member's to-do counts on their home page: how many reports wait in each of
// their role's queues, and which queue (and status) lists them.
import { z } from 'zod';
import { reportStates } from '../workflow';
import { reportQueues } from './workflow';

export const todoKeys = [
  'to-screen',
  'mine',
  'due-soon',
  'overdue',
  'awaiting-review',
  'to-decide',
  'letters-due',
  'rectification',
  'rewards-to-approve',
  'claims-to-pay',
  'corrections',
  'leadership',
  'protection',
  'reveal-requests',
] as const;
export type TodoKey = (typeof todoKeys)[number];

export const todoResponse = z.object({
  items: z.array(
    z.object({
      key: z.enum(todoKeys),
      /** Exactly the total the linked queue shows this person now. */
      count: z.number().int().min(0),
      /** The queue that lists them (absent: all reports, filtered by `status`). */
      queue: z.enum(reportQueues).optional(),
      status: z.enum(reportStates).optional(),
    }),
  ),
});
export type TodoResponse = z.infer<typeof todoResponse>;
