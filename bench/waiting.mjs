// Benchmark 3: calls that had to wait for the network, 60 virtual minutes of getToken() every 100 ms.
import { int, ratio } from './table.mjs';

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function waiting({ openPage, server }) {
  const page = await openPage('waiting');
  try {
    const r = await page.evaluate(() => globalThis.bench.run({ ours: '/token/waiting-ours', baseline: '/token/waiting-lazy' }));
    const ours = server.stats('waiting-ours').requests;
    const lazy = server.stats('waiting-lazy').requests;
    if (r.ours.failed || r.baseline.failed) throw new Error(`waiting: ${r.ours.failed} + ${r.baseline.failed} calls failed`);
    return [
      {
        bench: '3 Waiting callers',
        measure: `calls that waited for the network, of ${int(r.ours.calls)} (one per 100 ms for 60 virtual min, 60 s tokens; requests: ours ${ours}, lazy ${lazy})`,
        ours: int(r.ours.waited),
        baseline: `lazy cache (fetch on expiry): ${int(r.baseline.waited)}`,
        ratio: ratio(r.ours.waited, r.baseline.waited, 3),
        goal: '1 (the very first)',
        met: r.ours.waited === 1,
      },
    ];
  } finally {
    await page.close();
  }
}
