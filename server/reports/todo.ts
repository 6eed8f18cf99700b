// The to-do counts on a staff member's home page. Each count is the total of one of
// their role's queues, built by the queue's own filter (reportListFilter, with the
// area scope) and counted on the queue's indexes, so a count can never include a
// report the linked queue would not list for this person.
import type { Role } from '../../shared/roles';
import type { TodoKey, TodoResponse } from '../../shared/schemas/todo';
import { reportListQuery, type ReportQueue } from '../../shared/schemas/workflow';
import type { ReportState } from '../../shared/workflow';
import type { Actor } from '../access';
import { reportListFilter } from './caseWork';
import { Report } from './report.model';

interface Todo {
  key: TodoKey;
  queue?: ReportQueue;
  status?: ReportState;
}

/** Each role's to-dos, in the order its home page shows them; every queue is one of the role's tabs. */
export const roleTodos: Record<Role, readonly Todo[]> = {
  intake: [
    { key: 'to-screen', queue: 'new' },
    { key: 'due-soon', queue: 'due-soon' },
    { key: 'overdue', queue: 'overdue' },
    { key: 'letters-due', queue: 'letters-due' },
  ],
  verifier: [
    { key: 'mine', queue: 'mine' },
    { key: 'due-soon', queue: 'due-soon' },
    { key: 'overdue', queue: 'overdue' },
    { key: 'rectification', queue: 'rectification' },
  ],
  reviewer: [
    { key: 'awaiting-review', queue: 'awaiting-review' },
    { key: 'to-decide', queue: 'to-decide' },
    { key: 'letters-due', queue: 'letters-due' },
  ],
  finance: [
    { key: 'rewards-to-approve', status: 'reward-reviewed' },
    { key: 'claims-to-pay', status: 'reward-claimed' },
    { key: 'corrections', queue: 'corrections' },
  ],
  leader: [
    { key: 'leadership', queue: 'leadership' },
    { key: 'corrections', queue: 'corrections' },
  ],
  protection: [
    { key: 'protection', queue: 'protection' },
    { key: 'reveal-requests', queue: 'reveal-requests' },
  ],
  admin: [
    { key: 'to-screen', queue: 'new' },
    { key: 'overdue', queue: 'overdue' },
  ],
  // The discipline officer reads the anomaly views, not case queues.
  discipline: [],
};

/** The actor's to-dos with their counts, all counted at the same moment. */
export async function todoCounts(actor: Actor, now = new Date()): Promise<TodoResponse> {
  const todos = roleTodos[actor.role];
  const counts = await Promise.all(
    todos.map(({ queue, status }) => {
      const { filter } = reportListFilter(reportListQuery.parse({ queue, status }), actor, now);
      return Report.countDocuments(filter);
    }),
  );
  return { items: todos.map((todo, i) => ({ ...todo, count: counts[i] })) };
}
