// Counts a poster scan at most once per client, poster and Shanghai day, without
// keeping anything that identifies the client: in memory only, a MAC of
// (address, poster, day) under a random key that is replaced when the day
// changes, so yesterday's entries cannot be recomputed even from a memory dump.
// Bounded: entries live in two generations of half the capacity each; when the
// newer one fills, the older one is dropped whole (O(1), unlike evicting entry by
// entry), so a flood of addresses costs at most a few extra counts, never the
// process's memory.
import crypto from 'node:crypto';
import { shanghaiDay } from '../../shared/dates';

export const DEFAULT_SCAN_MEMORY = 200_000;

export class ScanOnceFilter {
  private day = '';
  private key = crypto.randomBytes(32);
  private recent = new Set<string>();
  private older = new Set<string>();
  private readonly generationSize: number;

  constructor(capacity = DEFAULT_SCAN_MEMORY) {
    if (capacity < 2) throw new Error('ScanOnceFilter needs room for at least two entries');
    this.generationSize = Math.floor(capacity / 2);
  }

  /** True the first time this client scans this poster on this Shanghai day. */
  firstScan(client: string, posterCode: string, now = new Date()): boolean {
    const day = shanghaiDay(now);
    if (day !== this.day) {
      this.day = day;
      this.key = crypto.randomBytes(32);
      this.recent = new Set();
      this.older = new Set();
    }
    const entry = crypto
      .createHmac('sha256', this.key)
      .update(`${client}\0${posterCode}\0${day}`)
      .digest()
      .subarray(0, 16)
      .toString('base64');
    if (this.recent.has(entry) || this.older.has(entry)) return false;
    if (this.recent.size >= this.generationSize) {
      this.older = this.recent;
      this.recent = new Set();
    }
    this.recent.add(entry);
    return true;
  }

  get size(): number {
    return this.recent.size + this.older.size;
  }
}
