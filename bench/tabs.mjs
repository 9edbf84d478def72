// Benchmark 4: token-endpoint requests per token lifetime for 1, 5 and 20 tabs, ours beside per-tab refreshers.
import { fixed, ratio } from './table.mjs';

const TAB_COUNTS = [1, 5, 20];
const GOAL = 1.05;

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function tabs({ openPage, server, warn, key }) {
  const rows = [];
  for (const count of TAB_COUNTS) {
    const result = {};
    for (const mode of ['ours', 'pertab']) {
      const name = key(`tabs-${mode}-${count}`);
      const page = await openPage('tabs');
      try {
        const r = await page.evaluate((endpoint, tabs, coordinated) => globalThis.bench.run({ endpoint, tabs, coordinated }), `/token/${name}`, count, mode === 'ours');
        if (r.errors) warn(`tabs (${mode}, ${count}): ${r.errors} tokenerror event(s), first: ${r.firstError}`);
        if (r.tabStepsWithoutToken) warn(`tabs (${mode}, ${count}): ${r.tabStepsWithoutToken} tab-steps of 100 ms without a usable token (first: ${r.gaps.join(', ')}); token updates per tab ${r.updatesPerTab.min}–${r.updatesPerTab.max}`);
        const requests = server.stats(name).requests;
        result[mode] = { ...r, requests, perLifetime: (requests - r.opening) / r.lifetimes };
      } finally {
        await page.close();
      }
    }
    const { ours, pertab } = result;
    rows.push({
      bench: '4 Requests per lifetime',
      measure: `${count > 1 ? `${count} tabs opened together` : '1 tab'}, then ${ours.lifetimes} lifetimes (${ours.virtualSeconds} virtual s; requests after the opening: ours ${ours.requests - ours.opening}, per-tab ${pertab.requests - pertab.opening}; at the opening: ours ${ours.opening}, per-tab ${pertab.opening})`,
      ours: fixed(ours.perLifetime),
      baseline: `per-tab refreshers: ${fixed(pertab.perLifetime)}`,
      ratio: ratio(ours.perLifetime, pertab.perLifetime, 3),
      goal: `≤ ${GOAL}`,
      met: ours.perLifetime <= GOAL,
    });
  }
  return rows;
}
