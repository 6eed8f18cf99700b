// Serves the built web client: the console under /console, the public site elsewhere.
// The build writes Brotli and gzip twins beside each file (client/vite.config.ts);
// each request gets the best one it accepts, with its own Content-Length, and
// Vary: Accept-Encoding so shared caches keep the versions apart.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import express, { type RequestHandler, type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Vite names what it bundles `name-<hash>.ext`: a new content gets a new name, so it may be kept for good. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.[a-z0-9]+(\.(br|gz))?$/i;

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages name the current assets, so the browser checks them on every visit (a 304 when unchanged). */
export const CACHE_PAGE = 'no-cache';
/** Unhashed files (the favicon): a short while, since they keep their name when they change. */
export const CACHE_SHORT = 'public, max-age=3600';

function cacheRule(file: string): string {
  if (/\.html(\.(br|gz))?$/.test(file)) return CACHE_PAGE;
  return HASHED_ASSET.test(file) ? CACHE_IMMUTABLE : CACHE_SHORT;
}

export function staticClient(dir: string): Router {
  const router = express.Router();
  const files = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false, // /console is a page route below, not a folder to add a slash to
      setHeaders: (res: ServerResponse, file: string) => res.setHeader('Cache-Control', cacheRule(file)),
    },
  }) as RequestHandler;
  // The single-page apps' routes get their index page, served like any other file (so compressed too).
  const page =
    (index: string): RequestHandler =>
    (req, res, next) => {
      if (!fs.existsSync(path.join(dir, index))) return next();
      req.url = `/${index}`;
      files(req, res, next);
    };
  router.use(files);
  router.get(/^\/console(?!\/assets\/)(\/.*)?$/, page('console/index.html'));
  // Not for API paths, poster redirects, nor a missing bundle file (a 404, not a page in its place).
  router.get(/^\/(?!api\/|p\/|assets\/|console\/assets\/).*/i, page('index.html'));
  return router;
}
