// Counts a poster scan at most once per client, poster and Shanghai day, without
// keeping anything that identifies the client: in memory only, a MAC of
// (address, poster, day) under a random key that is replaced when the day
// changes, so yesterday's entries cannot be recomputed even from a memory dump.
// Bounded: past `capacity` entries the oldest are forgotten, so a flood of
// addresses costs at most a few extra counts, never the process's memory.
import crypto from 'node:crypto';
import { shanghaiDay } from '../../shared/dates';

export const DEFAULT_SCAN_MEMORY = 200_000;

export class ScanOnceFilter {
  private day = '';
  private key = crypto.randomBytes(32);
  /** Insertion-ordered, so the first entries are the oldest. */
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = DEFAULT_SCAN_MEMORY) {
    if (capacity < 1) throw new Error('ScanOnceFilter needs room for at least one entry');
  }

  /** True the first time this client scans this poster on this Shanghai day. */
  firstScan(client: string, posterCode: string, now = new Date()): boolean {
    const day = shanghaiDay(now);
    if (day !== this.day) {
      this.day = day;
      this.key = crypto.randomBytes(32);
      this.seen.clear();
    }
    const entry = crypto.createHmac('sha256', this.key).update(`${client}\0${posterCode}\0${day}`).digest().subarray(0, 16).toString('base64');
    if (this.seen.has(entry)) return false;
    if (this.seen.size >= this.capacity) this.seen.delete(this.seen.values().next().value as string);
    this.seen.add(entry);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
