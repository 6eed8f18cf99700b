// GET /api/v1/me/todo: the signed-in staff member's to-do counts (see todo.ts).
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { defineRoute } from '../platform/http/defineRoute';
import { todoCounts } from './todo';

export function todoRoutes(): Router {
  const router = Router();
  // The queue's own gate: whoever may list the queues may count them.
  defineRoute(router, contract.me.todo, { access: 'reports.list' }, async ({ actor }) => todoCounts(actor));
  return router;
}
