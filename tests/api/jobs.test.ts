// Job leases in MongoDB: one holder at a time, taken over only after expiry, so a
// scheduled job runs once across instances (and once within one instance).
import mongoose from 'mongoose';
import '../../server/platform/db'; // the application's mongoose settings (sanitizeFilter)
import { acquireLease, releaseLease, runLeased, type JobDefinition } from '../../server/platform/jobs/leasedJob';
import { JobLease } from '../../server/platform/jobs/jobLease.model';
import { startTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
  await mongoose.connect(db.uri, { dbName: db.dbName('jobs') });
  await mongoose.connection.syncIndexes();
});
afterAll(async () => {
  await mongoose.disconnect();
  await db?.stop();
});
beforeEach(async () => {
  await JobLease.deleteMany({});
});

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const LEASE = 60_000;

describe('acquireLease', () => {
  test('A takes it; B cannot while it is live; A may renew; B takes it after expiry, and then A cannot', async () => {
    const t0 = new Date();

    expect(await acquireLease('digest', LEASE, t0, 'A')).toBe(true);
    expect(await JobLease.findById('digest').lean()).toMatchObject({ owner: 'A', leaseUntil: at(t0, LEASE) });

    expect(await acquireLease('digest', LEASE, at(t0, 1000), 'B')).toBe(false);
    expect(await acquireLease('digest', LEASE, at(t0, LEASE - 1), 'B')).toBe(false);
    expect(await acquireLease('digest', LEASE, at(t0, 2000), 'A')).toBe(true); // renewal
    expect((await JobLease.findById('digest').lean())?.owner).toBe('A');

    const afterExpiry = at(t0, 2000 + LEASE);
    expect(await acquireLease('digest', LEASE, afterExpiry, 'B')).toBe(true);
    expect(await JobLease.findById('digest').lean()).toMatchObject({ owner: 'B', leaseUntil: at(afterExpiry, LEASE) });
    expect(await acquireLease('digest', LEASE, at(afterExpiry, 1), 'A')).toBe(false);
  });

  test('leases of different jobs are independent', async () => {
    const t0 = new Date();
    expect(await acquireLease('job-1', LEASE, t0, 'A')).toBe(true);
    expect(await acquireLease('job-2', LEASE, t0, 'B')).toBe(true);
  });

  test('ten instances racing for a fresh lease: exactly one wins', async () => {
    const t0 = new Date();
    const won = await Promise.all(Array.from({ length: 10 }, (_, i) => acquireLease('race', LEASE, t0, `holder-${i}`)));

    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await JobLease.findById('race').lean())?.owner).toBe(`holder-${won.indexOf(true)}`);
  });

  test('ten instances racing for an expired lease: exactly one wins', async () => {
    const t0 = new Date();
    await acquireLease('race', LEASE, t0, 'old');
    const later = at(t0, LEASE + 1);
    const won = await Promise.all(
      Array.from({ length: 10 }, (_, i) => acquireLease('race', LEASE, later, `holder-${i}`)),
    );

    expect(won.filter(Boolean)).toHaveLength(1);
  });

  test('a released lease can be taken at once by another holder', async () => {
    const t0 = new Date();
    await acquireLease('digest', LEASE, t0, 'A');
    await releaseLease('digest', 'B'); // not B's to release: no effect
    expect(await acquireLease('digest', LEASE, t0, 'B')).toBe(false);
    await releaseLease('digest', 'A');
    expect(await acquireLease('digest', LEASE, t0, 'B')).toBe(true);
  });
});

describe('runLeased', () => {
  function countingJob(name: string, fail = false): JobDefinition & { runs: number } {
    const job = {
      name,
      intervalMs: 1000,
      leaseMs: LEASE,
      runs: 0,
      async run() {
        job.runs++;
        await new Promise((r) => setTimeout(r, 100)); // long enough for the callers to overlap
        if (fail) throw new Error('job failed');
      },
    };
    return job;
  }

  test('two concurrent callers: the job runs once', async () => {
    const job = countingJob('overlap');
    const clock = () => new Date();

    const results = await Promise.all([runLeased(job, clock), runLeased(job, clock)]);

    expect(job.runs).toBe(1);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test('runs and releases the lease, so the next run can start at once', async () => {
    const job = countingJob('sequential');
    const clock = () => new Date();

    expect(await runLeased(job, clock)).toBe(true);
    expect(await runLeased(job, clock)).toBe(true);
    expect(job.runs).toBe(2);
    expect((await JobLease.findById('sequential').lean())?.leaseUntil.getTime()).toBe(0);
  });

  test('a job that throws still releases its lease', async () => {
    const job = countingJob('failing', true);
    expect(await runLeased(job, () => new Date())).toBe(true);
    expect((await JobLease.findById('failing').lean())?.leaseUntil.getTime()).toBe(0);
  });

  test('does not run while another instance holds a live lease', async () => {
    const job = countingJob('held');
    await acquireLease('held', LEASE, new Date(), 'other-instance');

    expect(await runLeased(job, () => new Date())).toBe(false);
    expect(job.runs).toBe(0);
  });
});
