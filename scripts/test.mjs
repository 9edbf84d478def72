// `npm test`: provision the browsers, type-check and build once, then run @web/test-runner in each engine
// in turn (Chromium, Firefox, WebKit), and end with one line for all of them:
//   Totals: N passed, M failed, K skipped
// Options (the rest is forwarded to wtr):
//   --engine <chromium|firefox|webkit>   one engine only (repeat, or comma-separate, for more)
//   --files <glob>                       as wtr's own: `npm test -- --engine firefox --files test/core/foo.test.ts`
// Exits non-zero when any test failed, any engine did not finish, or the type check or build failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, engineVersion, provision, startWebKitDriver } from './browsers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** Splits off `--engine x` / `--engine=x`; everything else goes to wtr. */
function parseArgs(argv) {
  const engines = [];
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--engine' || arg.startsWith('--engine=')) {
      const value = arg === '--engine' ? argv[++i] : arg.slice('--engine='.length);
      engines.push(...String(value ?? '').split(',').filter(Boolean));
    } else {
      rest.push(arg);
    }
  }
  const unknown = engines.filter((engine) => !ENGINES.includes(engine));
  if (unknown.length || (argv.some((arg) => arg.startsWith('--engine')) && !engines.length)) {
    console.error(`[test] --engine takes one of ${ENGINES.join(', ')} (got ${unknown.join(', ') || 'nothing'})`);
    process.exit(2);
  }
  return { engines: engines.length ? ENGINES.filter((engine) => engines.includes(engine)) : [...ENGINES], wtrArgs: rest };
}

/** Runs a command with inherited stdio; returns its exit code (1 if it died by a signal). */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`[test] ${command} failed to start: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/** Like run(), without blocking the event loop (the WebKit driver's process lives beside it). */
function runAsync(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.once('error', (error) => {
      console.error(`[test] ${command} failed to start: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** One engine's wtr run: its counts, or `finished: false` when wtr ended without them. */
async function runEngine(engine, wtrArgs, scratch) {
  const totalsFile = join(scratch, `${engine}.json`);
  const env = { ...process.env, ST_ENGINE: engine, ST_TOTALS_FILE: totalsFile };
  let driver;
  const began = performance.now();
  let code;
  try {
    if (engine === 'webkit') {
      driver = await startWebKitDriver();
      env.WEBKIT_WEBDRIVER_PORT = String(driver.port);
    }
    code = await runAsync(bin('wtr'), ['--config', 'web-test-runner.config.mjs', ...wtrArgs], env);
  } catch (error) {
    console.error(`[test] ${engine}: ${error.message}`);
    code = 1;
  } finally {
    await driver?.stop();
  }
  const seconds = (performance.now() - began) / 1000;
  try {
    const totals = JSON.parse(readFileSync(totalsFile, 'utf8'));
    return { engine, code, seconds, finished: true, passed: totals.passed, failed: totals.failed + totals.erroredFiles, skipped: totals.skipped };
  } catch {
    return { engine, code, seconds, finished: false, passed: 0, failed: 0, skipped: 0 };
  }
}

const { engines, wtrArgs } = parseArgs(process.argv.slice(2));

const executables = {};
for (const engine of engines) {
  try {
    executables[engine] = provision(engine);
  } catch (error) {
    console.error(`[test] ${error.message}`);
    process.exit(1);
  }
}

const tscCode = run(bin('tsc'), ['-p', '.']) || run(bin('tsc'), ['-p', 'bench']);
if (tscCode !== 0) {
  console.error(`[test] type check (tsc -p .) failed with exit code ${tscCode}; tests not run`);
  process.exit(tscCode);
}

// The IIFE test loads dist/session-token.js as a user's page would, so build it first.
const buildCode = run(process.execPath, ['esbuild.mjs']);
if (buildCode !== 0) process.exit(buildCode);

// The npm package as users get it; test/package.test.ts reads its report, so a failure shows up there.
if (!wtrArgs.includes('--files') || wtrArgs.some((arg) => arg.includes('package.test'))) {
  run(process.execPath, ['scripts/pack-check.mjs']);
}

const scratch = mkdtempSync(join(tmpdir(), 'session-token-test-'));
const results = [];
try {
  for (const engine of engines) {
    console.log(`\n[test] ${engine} (${engineVersion(engine) ?? executables[engine]})`);
    results.push(await runEngine(engine, wtrArgs, scratch));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log('');
for (const r of results) {
  const counts = r.finished ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : `did not finish (exit code ${r.code})`;
  console.log(`${r.engine} (${engineVersion(r.engine) ?? '?'}): ${counts} in ${r.seconds.toFixed(0)} s`);
}
const sum = (key) => results.reduce((total, r) => total + r[key], 0);
// An engine that ended without its counts counts as one failure, so the line never reads green.
const failed = sum('failed') + results.filter((r) => !r.finished).length;
console.log(`Totals: ${sum('passed')} passed, ${failed} failed, ${sum('skipped')} skipped`);
process.exit(failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0);
