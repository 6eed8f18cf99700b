import { Router } from 'express';
import { fundResponse } from '../../shared/schemas/common';
import { defineRoute } from '../http/defineRoute';
import { Fund, MAIN_FUND } from '../models/Fund';

export function fundRoutes(): Router {
  const router = Router();
  defineRoute(router, { method: 'get', path: '/api/v1/fund', tag: 'fund', summary: 'The reward fund: appropriated, reserved, paid, available (fen)', access: 'fund.read', response: fundResponse }, async () => {
    const fund = await Fund.findById(MAIN_FUND).lean();
    const appropriatedFen = fund?.appropriatedFen ?? 0;
    const reservedFen = fund?.reservedFen ?? 0;
    const paidFen = fund?.paidFen ?? 0;
    return { appropriatedFen, reservedFen, paidFen, availableFen: appropriatedFen - reservedFen - paidFen };
  });
  return router;
}
