// Benchmark 7: a new tab asks the open tabs for their token before it fetches. How long does the answer
// take, against the 50 ms the library waits for one, and what does a tab alone pay for asking?
import { fixed } from './table.mjs';

const TABS = 20;
const ASK_TIMEOUT_MS = 50;

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function ask({ openPage, server }) {
  const page = await openPage('ask');
  try {
    const r = await page.evaluate((endpoint, tabs) => globalThis.bench.run({ endpoint, tabs }), '/token/ask', TABS);
    const requests = server.stats('ask').requests;
    return [
      {
        bench: '7 New tab',
        measure: `ms from a new tab's question to the open tab's token, ${TABS} tabs opened one by one (median / max; ${r.broadcasts} of ${TABS} by broadcast, ${requests - 1} extra requests)`,
        ours: `${fixed(r.median, 1)} / ${fixed(r.max, 1)} ms`,
        baseline: `the ask timeout: ${ASK_TIMEOUT_MS} ms (a tab alone: question to token ${fixed(r.alone, 1)} ms, timeout + fetch)`,
        ratio: `${fixed(r.max / ASK_TIMEOUT_MS, 2)}× of the timeout`,
        goal: `answer within the timeout, no request`,
        met: r.max < ASK_TIMEOUT_MS && r.broadcasts === TABS && requests === 1,
      },
    ];
  } finally {
    await page.close();
  }
}
