// Which requests are public (anyone, or a reporter with a follow-up token), read
// from the route declarations themselves, so a new public route is covered the
// moment it is declared. The rate limiter uses this to keep public traffic out of
// the database even when the browser also carries a staff session cookie.
import { documentedRoutes } from './openapi';

const PUBLIC_ACCESS = new Set(['public', 'reporter']);

interface Matcher {
  method: string;
  path: string;
  pattern: RegExp;
}

let matchers: Matcher[] | undefined;
let builtFrom = -1;

function patternOf(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`, 'i');
}

function publicMatchers(): Matcher[] {
  const routes = documentedRoutes();
  if (!matchers || builtFrom !== routes.length) {
    matchers = routes
      .filter((r) => PUBLIC_ACCESS.has(r.access))
      .map((r) => ({ method: r.method.toUpperCase(), path: r.path, pattern: patternOf(r.path) }));
    builtFrom = routes.length;
  }
  return matchers;
}

/** The declared public or reporter route `method path` (path without the query) reaches, as declared (`/p/:code`). */
export function publicRouteOf(method: string, path: string): string | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return publicMatchers().find((r) => r.method === m && r.pattern.test(path))?.path;
}

export function isPublicRoute(method: string, path: string): boolean {
  return publicRouteOf(method, path) !== undefined;
}
