// Scheduled jobs that every instance runs on a timer, but only the holder of the
// job's lease in MongoDB executes: each job runs once across the cluster.
import crypto from 'node:crypto';
import type { Logger } from 'pino';
import { trusted } from 'mongoose';
import { JobLease } from './jobLease.model';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface JobDefinition {
  name: string;
  intervalMs: number;
  /** How long a run may take before another instance may take over. */
  leaseMs: number;
  run(now: Date): Promise<void>;
}

/** Each run holds the lease under its own token, so two runs never share it, even in one process. */
const newHolder = () => `${process.pid}-${crypto.randomBytes(8).toString('hex')}`;

/** Takes or renews the lease; false when another live holder has it. */
export async function acquireLease(name: string, leaseMs: number, now: Date, holder: string): Promise<boolean> {
  try {
    const r = await JobLease.findOneAndUpdate(
      { _id: name, $or: [{ leaseUntil: trusted({ $lte: now }) }, { owner: holder }] },
      { $set: { owner: holder, leaseUntil: new Date(now.getTime() + leaseMs), lastRunAt: now } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return r?.owner === holder;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false; // another instance holds a live lease
    throw e;
  }
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await JobLease.updateOne({ _id: name, owner: holder }, { $set: { leaseUntil: new Date(0) } });
}

/** Runs a job once if this instance gets the lease. */
export async function runLeased(job: JobDefinition, clock: Clock, logger?: Logger): Promise<boolean> {
  const now = clock();
  const holder = newHolder();
  if (!(await acquireLease(job.name, job.leaseMs, now, holder))) return false;
  try {
    await job.run(now);
  } catch (e) {
    logger?.error({ err: e, job: job.name }, 'job failed');
  } finally {
    await releaseLease(job.name, holder);
  }
  return true;
}

export interface JobScheduler {
  stop(): Promise<void>;
}

export function scheduleJobs(jobs: JobDefinition[], clock: Clock, logger: Logger): JobScheduler {
  const running = new Set<Promise<unknown>>();
  const busy = new Set<string>();
  const timers = jobs.map((job) =>
    setInterval(() => {
      if (busy.has(job.name)) return; // the previous run is still going
      busy.add(job.name);
      const p = runLeased(job, clock, logger).finally(() => {
        busy.delete(job.name);
        running.delete(p);
      });
      running.add(p);
    }, job.intervalMs),
  );
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
