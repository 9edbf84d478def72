// Loads the project's real decision functions from the TypeScript sources: esbuild bundles a small entry
// that re-exports them into one in-memory ES module, which is imported from a data: URL (no temp files,
// no build step, always the current source).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeToken } from './sim.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ENTRY = `
export { zoneOf, freshUntil, usableUntil, refreshThresholdMs, nextRefreshAt, EXPIRY_MARGIN_MS } from './src/core/zones.ts';
export { retryDelay, defaultBackoff } from './src/core/backoff.ts';
export { COOLDOWN_MS } from './src/core/session.ts';
`;

/** The bundled module: zones.ts, backoff.ts and session.ts's COOLDOWN_MS, as they are in src/ right now. */
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

/**
 * Fails loudly if the sources no longer behave as the model assumes (a 60 s token received at 0 is
 * refreshed at 45 s and stops being handed out at 55 s), e.g. after a change to the Token shape.
 */
function checkAssumptions(core) {
  const token = makeToken(0, 60);
  const thresholdMs = core.refreshThresholdMs(15);
  const found = {
    nextRefreshAt: core.nextRefreshAt(token, thresholdMs, 0, true),
    usableUntil: core.usableUntil(token),
    zoneAt50s: core.zoneOf(token, 50_000, thresholdMs),
  };
  const expected = { nextRefreshAt: 45_000, usableUntil: 55_000, zoneAt50s: 'stale' };
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new Error(`src/core no longer matches the herd model: expected ${JSON.stringify(expected)}, got ${JSON.stringify(found)}`);
  }
}
