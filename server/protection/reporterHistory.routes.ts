// GET /api/v1/reporters/:pseudonym/reports: a real-name reporter's history, by pseudonym.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { defineRoute } from '../platform/http/defineRoute';
import { reporterHistory } from './reporterHistory';

export function reporterHistoryRoutes(): Router {
  const router = Router();
  defineRoute(router, contract.reporters.history, { access: 'reports.reporterHistory' }, ({ params, actor }) =>
    reporterHistory(params.pseudonym, actor),
  );
  return router;
}
