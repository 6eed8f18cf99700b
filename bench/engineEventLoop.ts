// For `npm run bench:engine`: how long the app's event loop stalls while the
// embedded engine runs a heavy aggregation, with the engine in the app's process
// and in its own (the default). perf_hooks' monitorEventLoopDelay samples this
// process's loop; the aggregation is the isolation test's (50,000 documents).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, startEmbeddedMongoProcess } from '@woodpecker/embedded-mongo';
import { heavyGroup, insertScratch, SCRATCH_DOCUMENTS } from '../tests/support/heavyAggregation';

async function delayDuringAggregation(uri: string): Promise<{ maxMs: number; p99Ms: number; seconds: number }> {
  const client = await MongoClient.connect(uri);
  try {
    const scratch = client.db('bench').collection('scratch');
    await insertScratch(scratch);
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    // The histogram's first tick only starts its clock: a stall before it would go unrecorded.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = process.hrtime.bigint();
    await scratch.aggregate(heavyGroup).toArray();
    histogram.disable();
    return {
      maxMs: histogram.max / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      seconds: Number(process.hrtime.bigint() - start) / 1e9,
    };
  } finally {
    await client.close();
  }
}

/** The same measure over an idle wait: what this (shared, noisy) machine adds by itself. */
async function idleDelay(ms: number): Promise<{ maxMs: number; p99Ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  histogram.disable();
  return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
}

export async function eventLoopDelayRows(): Promise<[string, string][]> {
  const idle = await idleDelay(3000);
  const rows: [string, string][] = [
    [
      'app event-loop delay with nothing running (3 s, the machine itself)',
      `max ${Math.round(idle.maxMs)} ms, p99 ${Math.round(idle.p99Ms)} ms`,
    ],
  ];
  const modes = [
    ['in the app process', () => startEmbeddedMongo({ inMemory: true })],
    ['in its own process (default)', () => startEmbeddedMongoProcess({ inMemory: true })],
  ] as const;
  for (const [where, start] of modes) {
    const engine = await start();
    try {
      const d = await delayDuringAggregation(engine.uri);
      rows.push([
        `app event-loop delay during a ${SCRATCH_DOCUMENTS.toLocaleString('en')}-document $group, engine ${where}`,
        `max ${Math.round(d.maxMs)} ms, p99 ${Math.round(d.p99Ms)} ms (the $group took ${d.seconds.toFixed(1)} s)`,
      ]);
    } finally {
      await engine.stop();
    }
  }
  return rows;
}
