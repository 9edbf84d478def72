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
export { retryDelay, budgetSpent, defaultBackoff } from './src/core/backoff.ts';
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
  const { defaultBackoff: schedule, retryDelay, budgetSpent } = core;
  const exact = { ...schedule, jitter: 0 };
  const quick = [0, 1, 2];
  const found = {
    freshUntil: core.freshUntil(token, thresholdMs),
    refreshAtDraw0: core.refreshAt(token, thresholdMs, 0),
    refreshAtDrawTopBelow50s: core.refreshAt(token, thresholdMs, TOP) > 49_990 && core.refreshAt(token, thresholdMs, TOP) < 50_000,
    usableUntil: core.usableUntil(token),
    zones: [44_999, 45_000, 54_999, 55_000].map((at) => core.zoneOf(token, at, thresholdMs)),
    quickJitter0: quick.map((retry) => retryDelay(exact, retry, 0, () => 0)),
    quickRandomTop: quick.map((retry) => retryDelay(schedule, retry, 0, () => TOP)),
    quickRandom0: quick.map((retry) => retryDelay(schedule, retry, 0, () => 0)),
    spent: [0, 2, 3, 50].map((retry) => budgetSpent(schedule, retry)),
    cooldown: [3, 50].flatMap((retry) => [retryDelay(schedule, retry, 0, () => 0), retryDelay(schedule, retry, 0, () => TOP)]),
  };
  const expected = {
    freshUntil: 45_000,
    refreshAtDraw0: 45_000,
    refreshAtDrawTopBelow50s: true,
    usableUntil: 55_000,
    zones: ['fresh', 'stale', 'stale', 'expired'],
    quickJitter0: [3000, 4650, 7208],
    quickRandomTop: [3000, 4650, 7207], // 7207.5 × (1 − a hair), rounded
    quickRandom0: [2250, 3488, 5406],
    spent: [false, false, true, true],
    cooldown: [30_000, 60_000, 30_000, 60_000],
  };
  const wrong = Object.keys(expected).filter((key) => JSON.stringify(found[key]) !== JSON.stringify(expected[key]));
  if (wrong.length > 0) {
    const detail = wrong.map((key) => `${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(found[key])}`).join('; ');
    throw new Error(`src/core no longer matches the herd model (bench/herd/sim.mjs): ${detail}`);
  }
}
