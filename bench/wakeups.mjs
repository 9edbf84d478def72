// Benchmark 5: timer wake-ups per minute per tab on an idle page, ours beside a fixed 5 s poller.
import { fixed, ratio } from './table.mjs';

const TAB_COUNTS = [1, 5];
const GOAL = 2;

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function wakeups({ openPage }) {
  const rows = [];
  for (const tabs of TAB_COUNTS) {
    const page = await openPage('wakeups');
    try {
      const r = await page.evaluate((tabs) => globalThis.bench.run({ ours: `/token/wakeups-ours-${tabs}`, baseline: `/token/wakeups-poller-${tabs}`, tabs }), tabs);
      rows.push({
        bench: '5 Timer wake-ups',
        measure: `timer callbacks per minute per tab, ${tabs} idle tab${tabs > 1 ? 's' : ''}, ${r.minutes} virtual min, 60 s tokens (requests: ours ${r.ours.requests}, poller ${r.baseline.requests})`,
        ours: fixed(r.ours.perTabPerMinute),
        baseline: `fixed 5 s poller: ${fixed(r.baseline.perTabPerMinute)}`,
        ratio: ratio(r.ours.perTabPerMinute, r.baseline.perTabPerMinute, 3),
        goal: `≤ ${GOAL}/min`,
        met: r.ours.perTabPerMinute <= GOAL,
      });
    } finally {
      await page.close();
    }
  }
  return rows;
}
