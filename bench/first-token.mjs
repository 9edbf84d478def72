// Benchmark 8: a new tab's first token, beside a live sibling (a tab of the same endpoint that holds a
// token) and with none. Real top-level pages of the multi-page site (bench/site-tab.mjs) sharing one
// browser context: ms from the library loaded to the first tokenupdate, and the token requests each new
// tab caused (counted by the server). In every engine (bench/engines.mjs).
import { fixed } from './table.mjs';
import { ECHO, FIRST_TOKEN, FLOOR, median, siteUrl, sleep } from './site-tab.mjs';

const SAMPLES = 5;
/** After a tab's first token, how long a request it still makes would take to reach the server. */
const SETTLE_MS = 250;

const ms = (values) => `${fixed(median(values), 1)} / ${fixed(Math.max(...values), 1)} ms`;

/** Opens a tab of `endpoint`, waits for its first token; the requests the endpoint saw meanwhile (and, beside a sibling, the browser's floor). */
async function newTab(windows, { server }, endpoint, n, { floor = false } = {}) {
  const before = server.stats(endpoint).requests;
  const tab = await windows.open();
  try {
    await tab.goto(siteUrl(server, endpoint, n));
    const first = await tab.waitFor(FIRST_TOKEN, 30_000);
    await sleep(SETTLE_MS);
    const requests = server.stats(endpoint).requests - before;
    return { ...first, requests, floor: floor ? await tab.evaluate(FLOOR) : null };
  } finally {
    await tab.close();
  }
}

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function firstToken(context) {
  const { key, warn } = context;
  const windows = await context.openWindows();
  try {
    // With a live sibling: one tab fetches and stays open; new tabs of its endpoint open and close beside it.
    const endpoint = key('first-token-sibling');
    const sibling = await windows.open();
    await sibling.goto(siteUrl(context.server, endpoint));
    const { token } = await sibling.waitFor(FIRST_TOKEN, 30_000);
    await sibling.evaluate(ECHO);
    const beside = [];
    for (let i = 0; i < SAMPLES; i++) beside.push(await newTab(windows, context, endpoint, i + 2, { floor: true }));
    await sibling.close();
    // With none: each new tab has an endpoint of its own.
    const alone = [];
    for (let i = 0; i < SAMPLES; i++) alone.push(await newTab(windows, context, key(`first-token-alone-${i}`), 1));

    const odd = beside.filter((r) => r.source !== 'broadcast' || r.token !== token).map((r) => r.source ?? r.errors.join(' '));
    if (odd.length) warn(`first token: ${odd.length} of ${SAMPLES} tabs beside a live sibling did not take its token (${odd.join(', ')})`);
    const errors = [...beside, ...alone].flatMap((r) => r.errors);
    if (errors.length) warn(`first token: tokenerror ${errors.join(', ')}`);
    const took = (samples) => samples.filter((r) => r.tokenAt !== null);
    const tokenAt = (samples) => took(samples).map((r) => r.tokenAt);
    const perTab = (samples) => samples.reduce((sum, r) => sum + r.requests, 0) / samples.length;
    const sentAt = alone.filter((r) => r.requestAt !== null).map((r) => r.requestAt);
    const floor = (part) => beside.map((r) => r.floor[part]);
    const lockAndQuery = beside.map((r) => r.floor.lock + r.floor.query);
    const measure = `${SAMPLES} new tabs, each a real top-level page running the library from its script tag, no page token`;
    return [
      {
        bench: '8 New tab first token',
        measure: `ms from the library loaded to the first tokenupdate, median / worst, ${measure}, beside a live sibling (a tab of the endpoint holding a token) (sources: ${beside.map((r) => r.source).join(', ')})`,
        ours: `live sibling: ${ms(tokenAt(beside))}`,
        baseline: `no live sibling (fetches): ${ms(tokenAt(alone))}`,
        ratio: `${fixed(median(tokenAt(beside)) / median(tokenAt(alone)), 3)}×`,
        goal: '≤ 5 ms median, ≤ 40 ms worst',
        met: took(beside).length === SAMPLES && median(tokenAt(beside)) <= 5 && Math.max(...tokenAt(beside)) <= 40,
      },
      {
        bench: '8 New tab first token',
        measure: `the browser's floor for a new tab beside a live sibling, no library: ms for an uncontended Web Lock grant + locks.query() + a BroadcastChannel round trip to the sibling, median / worst, measured in each new tab once it held its token`,
        ours: `floor: ${ms(floor('total'))} (medians: lock ${fixed(median(floor('lock')), 1)}, query ${fixed(median(floor('query')), 1)}, round trip ${fixed(median(floor('echo')), 1)})`,
        baseline: '—',
        ratio: '—',
        goal: '—',
        met: null,
      },
      {
        bench: '8 New tab first token',
        measure: `token requests per new tab until its first token (+${SETTLE_MS} ms), ${measure} (beside a live sibling: ${beside.map((r) => r.requests).join(', ')}; alone: ${alone.map((r) => r.requests).join(', ')})`,
        ours: `live sibling: ${fixed(perTab(beside))}`,
        baseline: `no live sibling: ${fixed(perTab(alone))}`,
        ratio: `${fixed(perTab(beside) / perTab(alone), 2)}×`,
        goal: '0 beside a live sibling',
        met: perTab(beside) === 0,
      },
      {
        bench: '8 New tab first token',
        measure: `ms from the library loaded to its first token request starting (resource timing), median / worst, ${measure}, with no live sibling`,
        ours: sentAt.length ? `no live sibling: ${ms(sentAt)}` : 'no request',
        baseline: `floor, lock grant + locks.query() (the round trips before its fetch): ${fixed(median(lockAndQuery), 1)} ms median`,
        ratio: sentAt.length ? `${fixed(median(sentAt) / median(lockAndQuery), 2)}×` : '—',
        goal: '≤ 5 ms median (no wait for an answer that will not come)',
        met: sentAt.length === SAMPLES && median(sentAt) <= 5,
      },
    ];
  } finally {
    await windows.close();
  }
}
