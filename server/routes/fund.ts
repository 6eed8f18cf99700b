import { Router } from 'express';
import { fundResponse } from '../../shared/schemas/common';
import { defineRoute } from '../http/defineRoute';
import { fundBalances } from '../rewards/fund';

export function fundRoutes(): Router {
  const router = Router();
  defineRoute(router, { method: 'get', path: '/api/v1/fund', tag: 'fund', summary: 'The reward fund: appropriated, reserved, paid, available (fen)', access: 'fund.read', response: fundResponse }, async () => {
    return fundBalances();
  });
  return router;
}
