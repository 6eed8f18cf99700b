import { Router } from 'express';
import { databaseAnswers } from '../db';
import { openApiDocument } from './openapi';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await databaseAnswers();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable' });
  });
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  return router;
}
