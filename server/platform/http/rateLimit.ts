// Rate limits. Staff traffic is counted in MongoDB, so every instance counts
// together; public traffic only in memory, so it leaves no trace anywhere.
import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import rateLimit, { ipKeyGenerator, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import type { SecretBox } from '../secretBox';
import { trusted } from 'mongoose';
import { AppError } from '../errors';
import { RateLimitCounter } from './rateLimitCounter.model';
import './requestContext';

export class MongoRateLimitStore implements Store {
  windowMs = 60_000;
  localKeys = false;

  constructor(readonly prefix: string) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const doc = await RateLimitCounter.findById(this.prefix + key).lean();
    return doc && doc.resetAt > new Date() ? { totalHits: doc.hits, resetTime: doc.resetAt } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const id = this.prefix + key;
    const now = new Date();
    for (let attempt = 0; attempt < 3; attempt++) {
      const live = await RateLimitCounter.findOneAndUpdate(
        { _id: id, resetAt: trusted({ $gt: now }) },
        { $inc: { hits: 1 } },
        { returnDocument: 'after' },
      ).lean();
      if (live) return { totalHits: live.hits, resetTime: live.resetAt };
      const resetAt = new Date(now.getTime() + this.windowMs);
      try {
        // Start a new window: replace an expired counter, or create the first one.
        const fresh = await RateLimitCounter.findOneAndUpdate(
          { _id: id, resetAt: trusted({ $lte: now }) },
          { $set: { hits: 1, resetAt } },
          { returnDocument: 'after', upsert: true },
        ).lean();
        if (fresh) return { totalHits: fresh.hits, resetTime: fresh.resetAt };
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e; // another instance started the window first
      }
    }
    throw new Error('rate-limit counter kept changing under us');
  }

  async decrement(key: string): Promise<void> {
    await RateLimitCounter.updateOne({ _id: this.prefix + key }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await RateLimitCounter.deleteOne({ _id: this.prefix + key });
  }
}

const refuse =
  (windowMs: number): Options['handler'] =>
  (_req, _res, next) =>
    next(new AppError('request.rate_limited', [], { retryAfterSeconds: Math.ceil(windowMs / 1000) }));

/**
 * Staff sign-in attempts per address, shared by all instances. The key is a MAC
 * under a purpose used for nothing else, so it cannot be joined with any other
 * record — and public traffic is never stored at all (publicLimiter).
 */
export function staffLoginLimiter(box: SecretBox, windowMs: number, limit: number): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore('login:'),
    keyGenerator: (req) => box.mac(ipKeyGenerator(req.ip ?? 'unknown'), 'staff-login-rate-limit'),
    handler: refuse(windowMs),
  });
}

/**
 * Signed-in staff traffic, shared by all instances and keyed by the account, not
 * the address. Public routes and requests without a staff session are skipped:
 * publicLimiter counts those in memory.
 */
export function staffLimiter(
  box: SecretBox,
  windowMs: number,
  limit: number,
  isPublic: (req: Request) => boolean,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore('staff:'),
    skip: (req) => !req.staff || isPublic(req),
    keyGenerator: (req) => box.mac(req.staff!.actor.id, 'staff-api-rate-limit'),
    handler: refuse(windowMs),
  });
}

/** Keys the in-memory counters; made fresh by each process and never stored. */
const processKey = crypto.randomBytes(32);

/**
 * Public, reporter and anonymous traffic: counters in this process's memory only,
 * so nothing about a reporter's connection is written to the database, its oplog
 * or a backup. Keys are a MAC of the address under a random key that never leaves
 * this process. Each instance counts on its own.
 */
/** The client a limit counts: its address, or for IPv6 its /56, since one phone can rotate through a whole prefix. */
export const clientOf = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

export function publicLimiter(
  windowMs: number,
  limit: number,
  applies: (req: Request) => boolean = () => true,
  onLimit: Options['handler'] = refuse(windowMs),
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => !applies(req),
    keyGenerator: (req) => crypto.createHmac('sha256', processKey).update(clientOf(req)).digest('base64url'),
    handler: onLimit,
  });
}
