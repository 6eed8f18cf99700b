// `npm run bench:audit`: 100 finance approvals at once against a fund with room
// for exactly 10, over HTTP to the real app on the embedded engine (the setup of
// tests/api/reward-concurrency.test.ts). Each round starts from a fresh fund and
// fresh reports; it checks that exactly 10 reserved and prints the wall time.
// Goal: under 3 s on a 2-core machine.
import os from 'node:os';
import request from 'supertest';
import { inTransaction } from '../server/platform/db';
import { Fund, LedgerEntry, MAIN_FUND } from '../server/fund/fund.model';
import { Report } from '../server/reports/report.model';
import { moveMoney } from '../server/fund/ledger';
import { intakeEnv, nextClientIp } from '../tests/support/intake';
import { startTestApp } from '../tests/support/server';
import { as, signIn } from '../tests/support/staff';

const AMOUNT = 3_000_000;
const APPROVALS = 100;
const ROOM = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL_MS = 3000;

async function freshRound(round: number): Promise<string[]> {
  await LedgerEntry.deleteMany({});
  await Fund.deleteOne({ _id: MAIN_FUND });
  await Fund.create({ _id: MAIN_FUND, appropriatedFen: 0, reservedFen: 0, paidFen: 0 });
  await inTransaction((session) =>
    moveMoney(
      {
        kind: 'appropriate',
        amountFen: ROOM * AMOUNT,
        note: 'bench appropriation',
        idempotencyKey: `bench-appropriation-${round}`,
      },
      session,
      new Date(),
    ),
  );
  const now = new Date();
  const docs = Array.from({ length: APPROVALS }, (_, i) => ({
    reference: `WP-B${round}${String(i).padStart(2, '0')}-BNCH`.slice(0, 12),
    accessKeyHash: 'not-used',
    status: 'reward-reviewed',
    category: 'fire-exits-blocked',
    sector: 'fire',
    area: '410503',
    description: 'benchmark fixture',
    anonymous: true,
    submittedAt: now,
    reward: {
      eligible: true,
      amountFen: AMOUNT,
      reservedFen: 0,
      explanation: [],
      proposedById: 'verifier-x',
      reviewedById: 'reviewer-x',
    },
  }));
  await Report.insertMany(docs);
  return docs.map((d) => d.reference);
}

async function main(): Promise<void> {
  const t = await startTestApp(intakeEnv);
  try {
    const finance = await signIn(t.app, 'finance', t.demoPassword);
    const times: number[] = [];
    // The machine may be shared: CPU time (app and engine share this process) is the steadier figure.
    const cpuTimes: number[] = [];
    let wrong = false;
    for (let round = 0; round < ROUNDS; round++) {
      const references = await freshRound(round);
      const start = process.hrtime.bigint();
      const cpuBefore = process.cpuUsage();
      const results = await Promise.all(
        references.map((ref, i) =>
          as(
            request(t.app)
              .post(`/api/v1/reports/${ref}/actions/approve-reward`)
              .set('X-Forwarded-For', nextClientIp())
              .set('Idempotency-Key', `bench-${round}-${i}`),
            finance,
          ).send({}),
        ),
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const approved = results.filter((r) => r.status === 200).length;
      const refused = results.filter((r) => r.status === 409 && r.body.code === 'fund.insufficient').length;
      const reserved = await LedgerEntry.countDocuments({ kind: 'reserve' });
      times.push(ms);
      cpuTimes.push(cpuMs);
      console.log(
        `round ${round + 1}: ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s) — ${approved} approved, ${refused} refused for lack of funds, ${reserved} reservations`,
      );
      if (approved !== ROOM || refused !== APPROVALS - ROOM || reserved !== ROOM) wrong = true;
    }
    const median = (v: number[]) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
    console.log(
      `\n${APPROVALS} concurrent approvals, room for ${ROOM}: median ${(median(times) / 1000).toFixed(2)} s, CPU ${(median(cpuTimes) / 1000).toFixed(2)} s, over ${ROUNDS} rounds (goal < ${GOAL_MS / 1000} s)`,
    );
    console.log(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)`,
    );
    if (wrong) console.error('WRONG: not exactly ten reservations');
    if (wrong || median(times) >= GOAL_MS) process.exitCode = 1;
  } finally {
    await t.stop();
  }
}

void main();
