// What the signed-in staff member has to do.
import { todoResponse } from '../schemas/todo';
import { endpoint } from './endpoint';

export const me = {
  todo: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/me/todo',
    tag: 'reports',
    summary:
      "The signed-in staff member's to-do counts: one per queue of their role, each exactly the total that queue lists them (same areas, same filters)",
    response: todoResponse,
    status: 200,
  }),
};
