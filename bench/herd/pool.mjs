// Runs simulations on worker threads, one per core: a 30-minute outage alone is millions of events, and the
// runs are independent (each has its own seeded random streams), so the results do not depend on the split.
// This file is also the workers' entry point.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { loadCore } from './core.mjs';
import { simulate } from './sim.mjs';

if (!isMainThread) {
  const core = await loadCore();
  // Messages posted before this listener exists wait in the port's queue.
  parentPort.on('message', ({ index, options }) => {
    const run = simulate(core, options);
    parentPort.postMessage({ index, run }, [run.requests, run.served, run.rejected, run.valid].map((series) => series.buffer));
  });
}

/** `simulate(core, options)` for each entry of `optionsList`, in order; the longest runs start first. */
export async function simulateAll(optionsList) {
  const results = new Array(optionsList.length);
  const queue = optionsList.map((options, index) => ({ index, options })).sort((a, b) => b.options.horizonS - a.options.horizonS);
  const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, () => new Worker(new URL(import.meta.url)));
  try {
    await Promise.all(workers.map((worker) => new Promise((resolve, reject) => {
      const feed = () => (queue.length > 0 ? worker.postMessage(queue.shift()) : resolve());
      worker.on('message', ({ index, run }) => {
        results[index] = run;
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`a herd worker exited (code ${code}) before its runs were done`)));
      feed();
    })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
