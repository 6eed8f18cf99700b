// Serves the built web client: the console under /console, the public site elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

export function staticClient(dir: string): Router {
  const router = express.Router();
  const publicIndex = path.join(dir, 'index.html');
  const consoleIndex = path.join(dir, 'console', 'index.html');
  router.use(
    express.static(dir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  router.get(/^\/console(\/.*)?$/, (_req, res, next) =>
    fs.existsSync(consoleIndex) ? res.setHeader('Cache-Control', 'no-cache').sendFile(consoleIndex) : next(),
  );
  router.get(/^\/(?!api\/|p\/).*/, (_req, res, next) =>
    fs.existsSync(publicIndex) ? res.setHeader('Cache-Control', 'no-cache').sendFile(publicIndex) : next(),
  );
  return router;
}
