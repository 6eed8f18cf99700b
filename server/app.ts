// createApp(): the whole HTTP application, without listening, so tests drive it directly.
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { sessionCookieName } from './staff/sessions';
import type { SecretBox } from './platform/secretBox';
import { deriveAuditKeys, useAuditKeys } from './audit/auditKeys';
import { usePasswordHashCost } from './staff/passwords';
import { useSmsNotices } from './reports/noticeChannels';
import type { Config } from './env';
import type { EvidenceStore } from './platform/evidenceStore';
import { staticClient } from './platform/http/staticClient';
import { apiCompression } from './platform/http/compression';
import { noStoreByDefault } from './platform/http/noStore';
import { authenticate } from './staff/authenticate';
import { refuseUndecodableBodies } from './platform/http/contentEncoding';
import { errorHandler, notFound } from './platform/http/errorHandler';
import { isPublicRoute, publicRouteOf } from './platform/http/publicRoutes';
import { publicLimiter, staffLimiter, staffLoginLimiter } from './platform/http/rateLimit';
import { requestContext } from './platform/http/requestId';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './staff/auth.routes';
import { categoryRoutes } from './catalog/categories.routes';
import { protectionRoutes } from './protection/protection.routes';
import { rewardStepRoutes } from './rewards/rewardSteps.routes';
import { followupRoutes } from './reports/followup.routes';
import { fundRoutes } from './fund/fund.routes';
import { healthRoutes } from './platform/http/health.routes';
import { posterRoutes } from './posters/posters.routes';
import { referenceRoutes } from './catalog/reference.routes';
import { reportRoutes } from './reports/reports.routes';
import { rewardQuoteRoutes } from './rewards/rewards.routes';
import { proposalQuoteRoutes } from './rewards/proposalQuote.routes';
import { rewardPolicyRoutes } from './rewards/policies.routes';
import { rewardControlRoutes } from './rewards/rewardControls.routes';
import { responsibilityRoutes } from './catalog/responsibilities.routes';
import { jurisdictionRoutes } from './jurisdiction/jurisdiction.routes';
import { staffRoutes } from './staff/staff.routes';
import { staffReportRoutes } from './reports/staffReports.routes';
import { todoRoutes } from './reports/todo.routes';
import { reporterHistoryRoutes } from './protection/reporterHistory.routes';
import { statsRoutes } from './stats/stats.routes';
import { authenticatePartner, keepRawBody } from './exchange/partnerAuth';
import { exchangeStatusRoutes } from './exchange/exchangeStatus.routes';
import { exchangeInboundRoutes } from './exchange/inbound.routes';
import { partnerRoutes } from './exchange/partners.routes';
import { policiesUpToDate } from './rewards/policiesUpToDate';

export interface AppDeps {
  config: Config;
  logger: Logger;
  box: SecretBox;
  store: EvidenceStore;
  /** Where the built client lives; omitted in API-only tests. */
  clientDir?: string;
}

/** Where links in mail and on posters point. */
export function publicBaseUrlOf(config: Config): string {
  return config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`;
}

/** Secure (and so __Host- prefixed) session cookies whenever the site is served over HTTPS. */
export function usesSecureCookies(config: Config): boolean {
  return config.NODE_ENV === 'production' || publicBaseUrlOf(config).startsWith('https:');
}

function loggedPath(method: string, url: string): string {
  const path = url.split('?')[0];
  return publicRouteOf(method, path) ?? path;
}

/** Where partner systems (the provincial platform) exchange cases, by signed requests. */
export const EXCHANGE_PATH = '/api/v1/exchange';

export function createApp({ config, logger, box, store, clientDir }: AppDeps): Express {
  useAuditKeys(deriveAuditKeys(box, config.AUDIT_KEY_VERSION));
  usePasswordHashCost(config.PASSWORD_HASH_COST);
  useSmsNotices(!!config.SMS_GATEWAY_URL);
  const publicBaseUrl = publicBaseUrlOf(config);
  const intake = {
    box,
    store,
    publicBaseUrl,
    powBits: config.WOODPECKER_POW_BITS,
    limits: {
      maxFiles: config.EVIDENCE_MAX_FILES,
      maxFileBytes: config.EVIDENCE_MAX_FILE_MB * 1024 * 1024,
      maxTotalBytes: config.EVIDENCE_MAX_TOTAL_MB * 1024 * 1024,
    },
  };
  const secureCookies = usesSecureCookies(config);
  const app = express();
  app.disable('x-powered-by');
  if (config.TRUST_PROXY)
    app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.use(requestContext);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as express.Request).requestId,
      // No addresses, agents, query strings or bodies in the logs: reporters must not be traceable.
      // Public routes are logged as declared (/p/:code), so no line says which poster was scanned when.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: loggedPath(req.method, String(req.url)) }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"], // the console's component library injects style tags
          'img-src': ["'self'", 'data:', 'blob:'],
          'media-src': ["'self'", 'blob:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'worker-src': ["'self'", 'blob:'],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      hsts: config.NODE_ENV === 'production',
    }),
  );
  app.use(['/api', '/p'], noStoreByDefault);
  app.use('/api', apiCompression());
  app.use(refuseUndecodableBodies);
  // Partner systems sign the raw body (evidence travels inside it), so the exchange keeps it and allows more.
  app.use(EXCHANGE_PATH, express.json({ limit: '40mb', verify: keepRawBody }), authenticatePartner(box));
  app.use(express.json({ limit: '100kb' }));
  app.use(
    authenticate(
      { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
      config.totpRequiredRoles,
      sessionCookieName(secureCookies),
    ),
  );

  app.use(healthRoutes());
  // Public and reporter traffic is counted in memory only; the database sees staff traffic alone.
  const isPublic = (req: express.Request) => isPublicRoute(req.method, req.baseUrl + req.path);
  app.use('/api/v1/auth/login', staffLoginLimiter(box, 60_000, 30));
  app.use(
    ['/api/v1/reports', '/api/v1/followup/sessions'],
    publicLimiter(60_000, 20, (req) => req.method === 'POST' && (req.path === '/' || req.path === '')),
  );
  app.use('/api/v1/rewards/quote', publicLimiter(60_000, 60)); // pure arithmetic: the estimator may ask often
  app.use(
    '/api/v1',
    publicLimiter(60_000, 600, (req) => !req.staff || isPublic(req)),
  );
  app.use('/api/v1', staffLimiter(box, 60_000, 600, isPublic));
  // A reward policy published through another instance counts from this request on.
  app.use('/api/v1', policiesUpToDate(logger));
  app.use(
    authRoutes({
      policy: {
        idleMinutes: config.SESSION_IDLE_MINUTES,
        absoluteHours: config.SESSION_ABSOLUTE_HOURS,
        maxFailures: config.LOGIN_MAX_FAILURES,
        lockMinutes: config.LOGIN_LOCK_MINUTES,
        delayBaseMs: config.LOGIN_DELAY_BASE_MS,
      },
      box,
      secureCookies,
      totpRequiredRoles: config.totpRequiredRoles,
    }),
  );
  app.use(posterRoutes({ publicBaseUrl }));
  app.use(reportRoutes(intake));
  app.use(followupRoutes(intake));
  app.use(rewardStepRoutes(intake));
  app.use(protectionRoutes(intake));
  app.use(staffReportRoutes(intake));
  app.use(todoRoutes());
  app.use(reporterHistoryRoutes());
  app.use(staffRoutes());
  app.use(referenceRoutes());
  app.use(categoryRoutes());
  app.use(responsibilityRoutes());
  app.use(jurisdictionRoutes());
  app.use(auditRoutes(config.AUDIT_CHECKPOINT_FILE));
  app.use(fundRoutes());
  app.use(statsRoutes());
  app.use(rewardQuoteRoutes());
  app.use(proposalQuoteRoutes());
  app.use(rewardPolicyRoutes(logger));
  app.use(rewardControlRoutes(intake));
  app.use(exchangeStatusRoutes());
  app.use(partnerRoutes(intake));
  app.use(exchangeInboundRoutes(intake));
  app.use('/api', notFound);
  if (clientDir) app.use(staticClient(path.resolve(clientDir)));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
