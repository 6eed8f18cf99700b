// A first-come, first-served queue that runs at most `concurrency` tasks at once.
// Image decoding runs on libuv's small thread pool, which staff sign-in (scrypt)
// also needs: a burst of uploads must wait its turn here instead of taking every
// thread. (p-limit does this too, but its maintained versions are ESM-only, which
// this CommonJS server cannot load.)
export interface WorkQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now plus tasks waiting. */
  readonly pending: number;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
  let active = 0;
  const waiting: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
  const release = () => {
    const handOver = waiting.shift();
    if (handOver) handOver();
    else active--;
  };
  return {
    get pending() {
      return active + waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < concurrency) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
