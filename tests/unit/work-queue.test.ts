// The queue image work waits in: a burst of uploads must not run more decodes at
// once than allowed (each holds a thread staff sign-in needs), and a failing task
// must not keep its slot.
import { createWorkQueue } from '../../server/reports/intake/workQueue';

const tick = () => new Promise((r) => setImmediate(r));

test('a burst of twenty image tasks never runs more than the limit at once, and all finish in order', async () => {
  const queue = createWorkQueue(2);
  let running = 0;
  let most = 0;
  const finished: number[] = [];
  const tasks = Array.from({ length: 20 }, (_, i) =>
    queue.run(async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
      finished.push(i);
      return i * 10;
    }),
  );
  expect(queue.pending).toBe(20);
  expect(await Promise.all(tasks)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
  expect(most).toBe(2);
  expect(finished).toEqual([...finished].sort((a, b) => a - b));
  expect(queue.pending).toBe(0);
});

test('a task that throws (a refused bomb) frees its slot for the task waiting behind it', async () => {
  const queue = createWorkQueue(1);
  const order: string[] = [];
  const failing = queue.run(async () => {
    order.push('bomb');
    throw new Error('refused');
  });
  const waiting = queue.run(async () => void order.push('waiting'));
  await expect(failing).rejects.toThrow('refused');
  const late = queue.run(async () => void order.push('late'));
  await Promise.all([waiting, late]);
  expect(order).toEqual(['bomb', 'waiting', 'late']);
  expect(queue.pending).toBe(0);
});
