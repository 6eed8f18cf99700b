// Slows a client that keeps sending wrong receipts, without ever locking out the
// report's real holder. Counting per reference (as before) let anyone who knew a
// reference shut its reporter out; here the guesser pays instead: each failure
// beyond a few free ones adds a bit to the proof of work that client must solve
// for its next sign-in (each bit doubles the work), up to a cap, and the count
// fades after a quiet spell. A reporter behind the same address (a factory's
// shared connection) still gets in, after a few seconds more of work.
//
// The counts live in this process's memory only, keyed by an HMAC of the address:
// nothing about a reporter's connection is written to the database or the logs.
// Each instance counts on its own; a restart forgets.

const FREE_FAILURES = 3;
const MAX_EXTRA_BITS = 6;
const FORGET_AFTER_MS = 15 * 60_000;
/** Bounds the memory a flood of addresses can take; the quietest are dropped first. */
const MAX_CLIENTS = 50_000;

interface Failures {
  count: number;
  lastAt: number;
}

export class GuessThrottle {
  private readonly clients = new Map<string, Failures>();

  constructor(private readonly baseBits: number) {}

  private current(client: string, now: number): Failures | undefined {
    const f = this.clients.get(client);
    if (f && now - f.lastAt > FORGET_AFTER_MS) {
      this.clients.delete(client);
      return undefined;
    }
    return f;
  }

  /** The proof-of-work difficulty this client's next sign-in needs (0 when proof of work is off). */
  bitsFor(client: string, now = Date.now()): number {
    if (this.baseBits === 0) return 0;
    const count = this.current(client, now)?.count ?? 0;
    return this.baseBits + Math.min(MAX_EXTRA_BITS, Math.max(0, count - FREE_FAILURES));
  }

  recordFailure(client: string, now = Date.now()): void {
    const count = (this.current(client, now)?.count ?? 0) + 1;
    this.clients.delete(client); // re-inserted last: the map stays ordered from quietest to latest
    this.clients.set(client, { count, lastAt: now });
    if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
  }
}
