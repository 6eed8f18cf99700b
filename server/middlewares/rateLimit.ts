// Rate limits whose counters live in MongoDB, so every instance counts together.
// The key is a keyed hash of the client address: the address itself is never stored.
import type { RequestHandler } from 'express';
import rateLimit, { type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import type { SecretBox } from '../crypto/secretBox';
import { trusted } from 'mongoose';
import { AppError } from '../http/problem';
import { RateLimitCounter } from '../models/RateLimitCounter';

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
      const live = await RateLimitCounter.findOneAndUpdate({ _id: id, resetAt: trusted({ $gt: now }) }, { $inc: { hits: 1 } }, { returnDocument: 'after' }).lean();
      if (live) return { totalHits: live.hits, resetTime: live.resetAt };
      const resetAt = new Date(now.getTime() + this.windowMs);
      try {
        // Start a new window: replace an expired counter, or create the first one.
        const fresh = await RateLimitCounter.findOneAndUpdate({ _id: id, resetAt: trusted({ $lte: now }) }, { $set: { hits: 1, resetAt } }, { returnDocument: 'after', upsert: true }).lean();
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

export function limiter(name: string, box: SecretBox, windowMs: number, limit: number): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore(`${name}:`),
    keyGenerator: (req) => box.mac(req.ip ?? 'unknown', 'rate-limit'),
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, _res, next) => next(new AppError('request.rate_limited', [], { retryAfterSeconds: Math.ceil(windowMs / 1000) })),
  });
}

/**
 * For the public report and follow-up endpoints: counters in this process's memory
 * only, keyed by the address, so nothing about a reporter's connection is ever
 * written anywhere. Each instance counts on its own.
 */
export function publicLimiter(windowMs: number, limit: number): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only the exact mounted path (the submission itself), not staff routes below it.
    skip: (req) => req.method !== 'POST' || (req.path !== '/' && req.path !== ''),
    handler: (_req, _res, next) => next(new AppError('request.rate_limited', [], { retryAfterSeconds: Math.ceil(windowMs / 1000) })),
  });
}
