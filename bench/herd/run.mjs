// `npm run bench:herd`: what N browsers do to the token endpoint (issues 7 and 11), by discrete-event
// simulation of the project's real zone, poller and backoff rules (see sim.mjs for the model and its
// assumptions). Prints the tables and one HERD line per outage of the default schedule; writes
// bench/herd/results.md and bench/herd/herd.svg.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './core.mjs';
import { schedule010 } from './legacy.mjs';
import { outageFigures, steadyState } from './metrics.mjs';
import { renderPlot } from './plot.mjs';
import { simulateAll } from './pool.mjs';
import { herdLine, renderMarkdown, renderTables } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const N = 100_000;
/** Fixed so runs are reproducible; HERD_SEED=<n> checks that the conclusions do not hang on one seed. */
const SEED = Number(process.env.HERD_SEED ?? 7);
const LIFETIME_S = 60;
const REFRESH_THRESHOLD_S = 15;
/** Every outage starts once each session has been through a few refresh cycles. */
const OUTAGE_FROM_S = 180;
const OUTAGES_S = [60, 120, 180, 600, 1800];
/** A blip shorter than the quick retries' window, where they cost load and buy little. */
const BLIP_S = 30;
/** 7 minutes: long enough to see 0.1.0's sessions come back from its 5-minute cool-down. */
const AFTER_RECOVERY_S = 420;
const PEAK_WINDOW_S = 300;
const WAITING_AFTER_S = 60;
const STEADY_HORIZON_S = 300;
const STEADY_FROM_S = 60;
/** The endpoint's capacity, as a multiple of the steady-state rate of the schedule under test. */
const CAPACITY_X = 1.5;

const started = performance.now();
const core = await loadCore(); // fails here, before any worker starts, when src/ no longer matches the model
const schedules = [
  { name: 'default', label: 'default', schedule: core.defaultBackoff, spread: true },
  { name: 'no-spread', label: 'default, poller not spread', schedule: core.defaultBackoff, spread: false },
  { name: '8-quick', label: '8 quick retries, then 30–60 s', schedule: { ...core.defaultBackoff, maxRetries: 8 }, spread: true },
  { name: '0.1.0', label: 'version 0.1.0', schedule: schedule010, rules: '0.1.0', spread: false },
];
const base = { n: N, seed: SEED, lifetimeS: LIFETIME_S, refreshThreshold: REFRESH_THRESHOLD_S, checkEveryS: 300 };

// 1. Steady state, with the poller spread and without: the schedules differ only after a failure.
const steadyRuns = await simulateAll([true, false].map((spread) => ({ ...base, schedule: core.defaultBackoff, spread, horizonS: STEADY_HORIZON_S })));
const steady = new Map([true, false].map((spread, i) => [spread, steadyState(steadyRuns[i], STEADY_FROM_S)]));
const steadyRate = ({ spread }) => steady.get(spread).rate;

// 2. Outages: every schedule against each length; the default also with unlimited capacity; a short blip.
const limited = (entry) => Math.round(CAPACITY_X * steadyRate(entry));
const scenarios = [
  ...schedules.flatMap((entry) => OUTAGES_S.map((lengthS) => ({ group: 'outage', entry, lengthS, capacity: limited(entry) }))),
  { group: 'unlimited', entry: schedules[0], lengthS: 120, capacity: Infinity },
  ...schedules.map((entry) => ({ group: 'blip', entry, lengthS: BLIP_S, capacity: limited(entry) })),
];
const runs = await simulateAll(scenarios.map(({ entry, lengthS, capacity }) => {
  const outage = { startS: OUTAGE_FROM_S, endS: OUTAGE_FROM_S + lengthS };
  const { schedule, spread, rules = 'src' } = entry;
  return { ...base, schedule, spread, rules, outage, capacity, horizonS: outage.endS + AFTER_RECOVERY_S, waitingAtS: outage.endS + WAITING_AFTER_S };
}));
const rows = scenarios.map((scenario, i) => {
  const outage = { startS: OUTAGE_FROM_S, endS: OUTAGE_FROM_S + scenario.lengthS };
  return { ...scenario, outage, run: runs[i], ...outageFigures(runs[i], outage, PEAK_WINDOW_S, steadyRate(scenario.entry)) };
});

// Report.
const setup = { n: N, seed: SEED, outageFromS: OUTAGE_FROM_S, afterRecoveryS: AFTER_RECOVERY_S, capacityX: CAPACITY_X, blipS: BLIP_S, schedules, steady, core };
const tables = renderTables(rows, setup);
const byName = (name) => rows.filter((row) => row.group === 'outage' && row.entry.name === name);
const herd = byName('default').map(herdLine);

writeFileSync(join(here, 'results.md'), renderMarkdown(tables, setup));
writeFileSync(join(here, 'herd.svg'), renderPlot({
  panels: OUTAGES_S.map((lengthS) => ({
    lengthS,
    outage: { startS: OUTAGE_FROM_S, endS: OUTAGE_FROM_S + lengthS },
    runs: ['default', '0.1.0'].map((name) => {
      const row = byName(name).find((r) => r.lengthS === lengthS);
      return { name, run: row.run, steadyRate: steadyRate(row.entry) };
    }),
  })),
  n: N,
  capacityX: CAPACITY_X,
  beforeS: 90,
  afterS: AFTER_RECOVERY_S,
}));
console.log(`${tables.steady}\n\n${tables.outages}\n\n${tables.others}\n`);
console.log(herd.join('\n'));
console.log(`\nWrote bench/herd/results.md and bench/herd/herd.svg in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
