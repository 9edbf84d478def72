// Benchmark 4: token-endpoint requests per token lifetime for 1, 5 and 20 tabs, ours beside per-tab refreshers.
import { fixed, ratio } from './table.mjs';

const TAB_COUNTS = [1, 5, 20];
const GOAL = 1.05;

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function tabs({ openPage, server, warn }) {
  const rows = [];
  for (const count of TAB_COUNTS) {
    const result = {};
    for (const mode of ['ours', 'pertab']) {
      const name = `tabs-${mode}-${count}`;
      const page = await openPage('tabs');
      try {
        const r = await page.evaluate((endpoint, tabs, coordinated) => globalThis.bench.run({ endpoint, tabs, coordinated }), `/token/${name}`, count, mode === 'ours');
        if (r.errors) warn(`tabs (${mode}, ${count}): ${r.errors} tokenerror event(s), first: ${r.firstError}`);
        if (r.tabStepsWithoutToken) warn(`tabs (${mode}, ${count}): ${r.tabStepsWithoutToken} tab-steps of 100 ms without a usable token (first: ${r.gaps.join(', ')}); token updates per tab ${r.updatesPerTab.min}–${r.updatesPerTab.max}`);
        const requests = server.stats(name).requests;
        result[mode] = { ...r, requests, perLifetime: requests / r.lifetimes };
      } finally {
        await page.close();
      }
    }
    const { ours, pertab } = result;
    rows.push({
      bench: '4 Requests per lifetime',
      measure: `${count} tab${count > 1 ? 's' : ''}, ${ours.lifetimes} lifetimes (${ours.virtualSeconds} virtual s; requests: ours ${ours.requests}, per-tab ${pertab.requests})`,
      ours: fixed(ours.perLifetime),
      baseline: `per-tab refreshers: ${fixed(pertab.perLifetime)}`,
      ratio: ratio(ours.perLifetime, pertab.perLifetime, 3),
      goal: `≤ ${GOAL}`,
      met: ours.perLifetime <= GOAL,
    });
  }
  return rows;
}
