// Benchmark 6: connect and remove 10,000 elements; heap after GC beside the start; what is left.
import { fixed, int, ratio } from './table.mjs';

const ELEMENTS = 10_000;
const WARMUP = 2_000;
const GOAL = 1.05;

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function memory({ openPage }) {
  const page = await openPage('memory');
  const cdp = await page.createCDPSession();
  const objectId = async (expression) => (await cdp.send('Runtime.evaluate', { expression })).result.objectId;
  const listeners = async (expression) => (await cdp.send('DOMDebugger.getEventListeners', { objectId: await objectId(expression) })).listeners.length;

  async function snapshot() {
    // The browser keeps a record of every request (up to 250 entries): not the library's memory.
    await page.evaluate(() => performance.clearResourceTimings());
    for (let i = 0; i < 3; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const prototype = await page.evaluateHandle(() => customElements.get('session-token').prototype);
    const instances = await page.queryObjects(prototype);
    const liveElements = await instances.evaluate((list) => list.length);
    await Promise.all([instances.dispose(), prototype.dispose()]);
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'console' }).catch(() => {});
    return {
      heap: usedSize,
      listeners: (await listeners('window')) + (await listeners('document')),
      liveElements,
      ...(await page.evaluate(() => globalThis.bench.counts())),
    };
  }

  try {
    await page.evaluate(() => globalThis.bench.load());
    const before = await snapshot();
    // Warm-up on the same endpoints: one-time allocations (optimized code, caches) are not growth. The
    // heap grows by about 0.1 MB over the first 2,000 elements, then stays flat.
    await page.evaluate((elements) => globalThis.bench.churn({ elements, prefix: 'mem' }), WARMUP);
    const start = await snapshot();
    await page.evaluate(() => globalThis.bench.connectOne('/token/mem-probe'));
    const one = await snapshot(); // proves the counters see a live session
    await page.evaluate(() => globalThis.bench.disconnectAll());
    const churn = await page.evaluate((elements) => globalThis.bench.churn({ elements, prefix: 'mem' }), ELEMENTS);
    const end = await snapshot();

    const mb = (n) => `${fixed(n / 2 ** 20)} MB`;
    const count = (key, label) => ({
      bench: '6 Memory',
      measure: `${label} left after the ${int(ELEMENTS)} elements`,
      ours: int(end[key]),
      baseline: `start: ${int(start[key])} (1 live element: ${int(one[key])})`,
      ratio: '—',
      goal: 'none beyond the start',
      met: end[key] <= start[key],
    });
    return [
      {
        bench: '6 Memory',
        measure: `JS heap used after GC, after connecting and removing ${int(churn.elements)} <session-token> elements (${int(churn.sessionsSignedIn)} sessions signed in and disposed)`,
        ours: mb(end.heap),
        baseline: `start, after a ${int(WARMUP)}-element warm-up: ${mb(start.heap)} (before it: ${mb(before.heap)})`,
        ratio: ratio(end.heap, start.heap, 3),
        goal: `≤ ${GOAL}× start`,
        met: end.heap <= GOAL * start.heap,
      },
      count('listeners', 'event listeners on window + document (CDP)'),
      count('timers', 'pending timers (setTimeout + setInterval)'),
      count('openChannels', 'open BroadcastChannels'),
      {
        bench: '6 Memory',
        measure: 'sessions in the registry / Web Locks held or queued / <session-token> objects alive after GC',
        ours: `${end.sessions} / ${end.locks} / ${end.liveElements}`,
        baseline: `start: ${start.sessions} / ${start.locks} / ${start.liveElements} (1 live element: ${one.sessions} / ${one.locks} / ${one.liveElements})`,
        ratio: '—',
        goal: 'none beyond the start',
        met: end.sessions <= start.sessions && end.locks <= start.locks && end.liveElements <= start.liveElements,
      },
    ];
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}
