// `npm run bench`: runs each benchmark in headless Chromium against a real token endpoint, prints one
// markdown table and writes it to bench/results.md. Each figure sits beside its baseline, measured in the
// same run. Not a test: nothing here is timed against a deadline. Progress goes to stderr, the table to stdout.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import cacheHit from './cache-hit.mjs';
import memory from './memory.mjs';
import pageViews from './pageviews.mjs';
import { startServer } from './server.mjs';
import size from './size.mjs';
import { renderTable } from './table.mjs';
import tabs from './tabs.mjs';
import waiting from './waiting.mjs';
import wakeups from './wakeups.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', 'results.md');
const herdResults = join(root, 'bench', 'herd', 'results.md');
const all = { size, cacheHit, waiting, tabs, wakeups, memory, pageViews };
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
  // `npm run bench` builds first; run alone, build only when dist/ is missing.
  if (!existsSync(join(root, 'dist', 'session-token.js'))) {
    log('dist/ is missing: building');
    execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  let server;
  let browser;
  const rows = [];
  try {
    server = await startServer();
    browser = await puppeteer.launch({
      executablePath: findChrome(),
      args: [...chromeArgs, '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
      headless: true,
      protocolTimeout: 300_000,
    });
    const openPage = async (name) => {
      const page = await browser.newPage();
      page.on('pageerror', (error) => log(`${name}: page error: ${error.message}`));
      page.on('console', (message) => message.type() === 'error' && log(`${name}: console: ${message.text()}`));
      await page.goto(`${server.origin}/pages/${name}.html`);
      await page.waitForFunction(() => 'bench' in globalThis);
      return page;
    };
    const context = { root, server, browser, openPage, warn };
    for (const [name, run] of Object.entries(benchmarks)) {
      const t = performance.now();
      log(`${name}…`);
      rows.push(...(await run(context)));
      log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }

    const environment = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`: ${await browser.version()} (headless), Node ${process.version}, ${process.platform}/${process.arch}; run time ${((performance.now() - began) / 1000).toFixed(0)} s.`;
    let markdown = `${renderTable(rows)}\n\n${environment}\n`;
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
    await browser?.close().catch((error) => log(`closing the browser: ${error.message}`));
    await server?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
