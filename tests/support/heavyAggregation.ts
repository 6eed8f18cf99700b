// A heavy aggregation for the isolation test and the engine benchmark: 50,000
// scratch documents through a $group with several accumulators — seconds of
// work for the embedded engine, a small answer (5,000 groups).
export const SCRATCH_DOCUMENTS = 50_000;

export const scratchDoc = (seq: number) => ({
  seq,
  bucket: seq % 5000,
  name: `report-${seq % 7}-${seq}`,
  amountFen: seq * 100,
  score: (seq * 7919) % 1000,
  createdAt: new Date(1_700_000_000_000 + seq * 1000),
});

export const heavyGroup = [
  {
    $group: {
      _id: '$bucket',
      n: { $sum: 1 },
      totalFen: { $sum: '$amountFen' },
      meanScore: { $avg: '$score' },
      latest: { $max: '$createdAt' },
      first: { $min: '$seq' },
    },
  },
  { $sort: { totalFen: -1 } },
];

/** Inserts the scratch documents through the driver, in batches. */
export async function insertScratch(collection: {
  insertMany(docs: ReturnType<typeof scratchDoc>[]): Promise<unknown>;
}): Promise<void> {
  for (let seq = 0; seq < SCRATCH_DOCUMENTS; seq += 5000)
    await collection.insertMany(Array.from({ length: 5000 }, (_, i) => scratchDoc(seq + i)));
}
