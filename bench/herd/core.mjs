// Loads the project's real decision functions from the TypeScript sources: esbuild bundles a small entry
// that re-exports them into one in-memory ES module, which is imported from a data: URL (no temp files,
// no build step, always the current source).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeToken } from './token.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ENTRY = `
export { refreshAt, freshUntil, usableUntil, zoneOf, refreshThresholdMs, EXPIRY_MARGIN_MS } from './src/core/zones.ts';
export { nextDelay, retryDelay, isQuick, budgetSpent, defaultBackoff, MAX_RETRY_WAIT_MS } from './src/core/backoff.ts';
`;

/** The bundled module: zones.ts and backoff.ts as they are in src/ right now, checked against the model. */
export async function loadCore() {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'herd-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  const core = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  checkAssumptions(core);
  return core;
}

const TOP = 0.999_999;

/**
 * Fails loudly when the sources no longer behave as sim.mjs's model says (e.g. after a change to the
 * Token shape, the zones or the schedule): every figure in results.md would describe another library.
 */
function checkAssumptions(core) {
  const token = makeToken(0, 60); // a 60 s token received at 0
  const thresholdMs = core.refreshThresholdMs(15);
  const { defaultBackoff: schedule, nextDelay, budgetSpent, isQuick } = core;
  const exact = { ...schedule, jitter: 0 };
  const waiting = (retry) => ({ retry, callersWaiting: true, refreshIntervalMs: 0 });
  const noHurry = (retry, refreshIntervalMs) => ({ retry, callersWaiting: false, refreshIntervalMs });
  const found = {
    freshUntil: core.freshUntil(token, thresholdMs),
    refreshAtDraw0: core.refreshAt(token, thresholdMs, 0),
    refreshAtDrawTopBelow50s: core.refreshAt(token, thresholdMs, TOP) > 49_990 && core.refreshAt(token, thresholdMs, TOP) < 50_000,
    usableUntil: core.usableUntil(token),
    zones: [44_999, 45_000, 54_999, 55_000].map((at) => core.zoneOf(token, at, thresholdMs)),
    quickJitter0: [0, 1, 2].map((retry) => nextDelay(exact, waiting(retry), () => 0)),
    quickRandom0: [0, 1, 2].map((retry) => nextDelay(schedule, waiting(retry), () => 0)),
    quick: [0, 2, 3].map((retry) => isQuick(schedule, waiting(retry))),
    spent: [0, 2, 3, 50].map((retry) => budgetSpent(schedule, retry)),
    noHurryIsQuick: isQuick(schedule, noHurry(0, 47_000)),
    // With no caller: the refresh interval when it lies in 30–60 s (whatever the draw), else drawn there.
    rhythm: [[0, 47_000], [5, 47_000], [0, 30_000], [0, 60_000]].flatMap(([retry, interval]) => [0, TOP].map((draw) => nextDelay(schedule, noHurry(retry, interval), () => draw))),
    noRhythm: [0, 20_000, 3_000_000].flatMap((interval) => [0, TOP].map((draw) => nextDelay(schedule, noHurry(0, interval), () => draw))),
    cooldown: [3, 50].flatMap((retry) => [nextDelay(schedule, waiting(retry), () => 0), nextDelay(schedule, waiting(retry), () => TOP)]),
  };
  const expected = {
    freshUntil: 45_000,
    refreshAtDraw0: 45_000,
    refreshAtDrawTopBelow50s: true,
    usableUntil: 55_000,
    zones: ['fresh', 'stale', 'stale', 'expired'],
    quickJitter0: [3000, 4650, 7208],
    quickRandom0: [2250, 3488, 5406],
    quick: [true, true, false],
    spent: [false, false, true, true],
    noHurryIsQuick: false,
    rhythm: [47_000, 47_000, 47_000, 47_000, 30_000, 30_000, 60_000, 60_000],
    noRhythm: [30_000, 60_000, 30_000, 60_000, 30_000, 60_000],
    cooldown: [30_000, 60_000, 30_000, 60_000],
  };
  const wrong = Object.keys(expected).filter((key) => JSON.stringify(found[key]) !== JSON.stringify(expected[key]));
  if (wrong.length > 0) {
    const detail = wrong.map((key) => `${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(found[key])}`).join('; ');
    throw new Error(`src/core no longer matches the herd model (bench/herd/sim.mjs): ${detail}`);
  }
}
