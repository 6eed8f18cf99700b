// API answers and poster redirects concern one person or one moment: no browser or
// proxy keeps them. Set before anything answers, so refusals (401, 404, 429) are
// covered too; a route with public figures may still say otherwise (stats.routes.ts).
import type { RequestHandler } from 'express';

export const noStoreByDefault: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
