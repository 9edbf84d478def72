// `npm run bench`: runs each benchmark in headless Chromium against a real token endpoint, prints one
// markdown table and writes it to bench/results.md. Each figure sits beside its baseline, measured in the
// same run. The benchmarks that mean something per engine (requests per token lifetime, page views, the
// cache hit) then run in Firefox and WebKit too, and a second table gives them a column per engine.
// Not a test: nothing here is timed against a deadline. Progress goes to stderr, the tables to stdout.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, provision } from '../scripts/browsers.mjs';
import cacheHit from './cache-hit.mjs';
import { launchEngine } from './engines.mjs';
import firstToken from './first-token.mjs';
import memory from './memory.mjs';
import openedTogether from './opened-together.mjs';
import pageViews from './pageviews.mjs';
import { startServer } from './server.mjs';
import size from './size.mjs';
import { renderEngineTable, renderTable } from './table.mjs';
import tabs from './tabs.mjs';
import waiting from './waiting.mjs';
import wakeups from './wakeups.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', 'results.md');
const herdResults = join(root, 'bench', 'herd', 'results.md');
const all = { size, cacheHit, waiting, tabs, wakeups, memory, pageViews, firstToken, openedTogether };
/** Run in every engine: what a user of each browser gets (the others measure the library, not the engine, or need CDP). */
const perEngine = ['tabs', 'pageViews', 'cacheHit', 'firstToken', 'openedTogether'];
// `node bench/run.mjs tabs memory` runs only those (and leaves bench/results.md alone).
const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in all));
if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; known: ${Object.keys(all).join(', ')}`);
const benchmarks = only.length ? Object.fromEntries(only.map((name) => [name, all[name]])) : all;

const log = (message) => console.error(`[bench] ${message}`);
const warnings = [];
const warn = (message) => {
  warnings.push(message);
  log(`warning: ${message}`);
};

async function main() {
  const began = performance.now();
  // Timings of real pages (7–9) swing with whatever else runs on the machine: say how busy it was.
  const load = loadavg()[0];
  // `npm run bench` builds first; run alone, build only when dist/ is missing.
  if (!existsSync(join(root, 'dist', 'session-token.js'))) {
    log('dist/ is missing: building');
    execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  let server;
  let chromium;
  const rows = [];
  const engineRows = { chromium: [] };
  const versions = {};
  try {
    server = await startServer();
    chromium = await launchEngine('chromium', server, log);
    versions.chromium = chromium.version;
    // `key` keeps each engine's endpoint names (and so its request counts) apart.
    const context = { root, server, browser: chromium.browser, openPage: chromium.openPage, openWindow: chromium.openWindow, openWindows: chromium.openWindows, parallel: true, warn, key: (name) => name };
    for (const [name, run] of Object.entries(benchmarks)) {
      const t = performance.now();
      log(`${name}…`);
      const produced = await run(context);
      rows.push(...produced);
      if (perEngine.includes(name)) engineRows.chromium.push(...produced);
      log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    await chromium.close();
    chromium = undefined;

    for (const engine of ENGINES.filter((other) => other !== 'chromium')) {
      const names = Object.keys(benchmarks).filter((name) => perEngine.includes(name));
      if (!names.length) break;
      try {
        provision(engine, { install: false });
      } catch (error) {
        warn(`${engine} not run: ${error.message}`);
        continue;
      }
      const t = performance.now();
      log(`${engine}: ${names.join(', ')}…`);
      const launched = await launchEngine(engine, server, log);
      try {
        versions[engine] = launched.version;
        engineRows[engine] = [];
        const context = { root, server, openPage: launched.openPage, openWindow: launched.openWindow, openWindows: launched.openWindows, parallel: launched.parallel, warn: (message) => warn(`${engine}: ${message}`), key: (name) => `${name}-${engine}` };
        for (const name of names) engineRows[engine].push(...(await benchmarks[name](context)));
      } finally {
        await launched.close();
      }
      log(`${engine} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }

    const environment = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`: ${versions.chromium} (headless), Node ${process.version}, ${process.platform}/${process.arch}; run time ${((performance.now() - began) / 1000).toFixed(0)} s; load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (${cpus().length} cores).`;
    let markdown = `${renderTable(rows)}\n\n${environment}\n`;
    if (Object.keys(engineRows).length > 1 && engineRows.chromium.length) {
      markdown += `\n### Per engine\n\nThe same benchmarks in each engine (Firefox ESR over WebDriver BiDi, WebKitGTK's MiniBrowser over WebDriver under Xvfb): ours, then the baseline of the same run.\n\n${renderEngineTable(engineRows, versions)}\n`;
    }
    if (warnings.length) markdown += `\n${warnings.map((warning) => `- Warning: ${warning}`).join('\n')}\n`;
    // Hook for the herd simulation (bench/herd/run.mjs, run before this script): its table follows ours.
    if (existsSync(herdResults)) markdown += `\n${readFileSync(herdResults, 'utf8').trim()}\n`;
    process.stdout.write(markdown);
    if (!only.length) {
      writeFileSync(results, markdown);
      log(`written to ${results}`);
    }
    const missed = rows.filter((row) => row.met === false);
    if (missed.length) log(`${missed.length} goal(s) not met: ${missed.map((row) => `${row.bench} (${row.measure.split(',')[0]})`).join('; ')}`);
  } finally {
    await chromium?.close().catch((error) => log(`closing the browser: ${error.message}`));
    await server?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
