// `npm run bench:herd`: what N browsers do to the token endpoint (issues 7, 11 and 19), by discrete-event
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
/** Issue 19's goal holds for every one of these. */
const OUTAGES_S = [10, 30, 60, 120, 180, 600, 1800];
/** Where the alternatives differ from the default: the blips, and the lengths around a refresh cycle. */
const SHORT_S = [10, 30, 60, 180];
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
  { name: 'default', label: 'default', schedule: core.defaultBackoff, spread: true, lengths: OUTAGES_S },
  { name: 'callers-10', label: 'default, 10 % of sessions with callers', schedule: core.defaultBackoff, spread: true, activeShare: 0.1, lengths: OUTAGES_S },
  { name: 'callers-all', label: 'default, every session with callers', schedule: core.defaultBackoff, spread: true, activeShare: 1, lengths: SHORT_S },
  { name: 'callers-all-2', label: '2 quick retries, every session with callers', schedule: { ...core.defaultBackoff, maxRetries: 2 }, spread: true, activeShare: 1, lengths: [10, 30] },
  { name: 'rhythm-jitter', label: 'no hurry: refresh interval ×[0.9, 1]', schedule: core.defaultBackoff, rules: 'rhythm-jitter', spread: true, lengths: SHORT_S },
  { name: 'cooldown-draw', label: 'no hurry: drawn in 30–60 s', schedule: core.defaultBackoff, rules: 'cooldown-draw', spread: true, lengths: SHORT_S },
  { name: 'full-spread', label: 'no hurry: drawn in 1–60 s', schedule: core.defaultBackoff, rules: 'full-spread', spread: true, lengths: SHORT_S },
  { name: 'usable-spread', label: 'spread over the usable time; quick when none', schedule: core.defaultBackoff, rules: 'usable-spread', spread: true, lengths: SHORT_S },
  { name: 'no-spread', label: 'default, poller not spread', schedule: core.defaultBackoff, spread: false, lengths: [30, 180] },
  { name: '0.2', label: 'version 0.2', schedule: core.defaultBackoff, rules: '0.2', spread: true, lengths: OUTAGES_S },
  { name: '0.1.0', label: 'version 0.1.0', schedule: schedule010, rules: '0.1.0', spread: false, lengths: OUTAGES_S },
];

const base = { n: N, seed: SEED, lifetimeS: LIFETIME_S, refreshThreshold: REFRESH_THRESHOLD_S, checkEveryS: 300 };

// 1. Steady state, with the poller spread and without: the schedules differ only after a failure.
const steadyRuns = await simulateAll([true, false].map((spread) => ({ ...base, schedule: core.defaultBackoff, spread, horizonS: STEADY_HORIZON_S })));
const steady = new Map([true, false].map((spread, i) => [spread, steadyState(steadyRuns[i], STEADY_FROM_S)]));
const steadyRate = ({ spread }) => steady.get(spread).rate;

// 2. Outages: every schedule against its lengths; the default also with unlimited capacity.
const limited = (entry) => Math.round(CAPACITY_X * steadyRate(entry));
const scenarios = [
  ...schedules.flatMap((entry) => entry.lengths.map((lengthS) => ({ group: 'outage', entry, lengthS, capacity: limited(entry) }))),
  { group: 'unlimited', entry: schedules[0], lengthS: 120, capacity: Infinity },
];
const runs = await simulateAll(scenarios.map(({ entry, lengthS, capacity }) => {
  const outage = { startS: OUTAGE_FROM_S, endS: OUTAGE_FROM_S + lengthS };
  const { schedule, spread, rules = 'src', activeShare = 0 } = entry;
  return { ...base, schedule, spread, rules, activeShare, outage, capacity, horizonS: outage.endS + AFTER_RECOVERY_S, waitingAtS: outage.endS + WAITING_AFTER_S };
}));
const rows = scenarios.map((scenario, i) => {
  const outage = { startS: OUTAGE_FROM_S, endS: OUTAGE_FROM_S + scenario.lengthS };
  return { ...scenario, outage, run: runs[i], ...outageFigures(runs[i], outage, PEAK_WINDOW_S, steadyRate(scenario.entry)) };
});

// Report.
const runTimeS = (performance.now() - started) / 1000;
const setup = { n: N, seed: SEED, outageFromS: OUTAGE_FROM_S, afterRecoveryS: AFTER_RECOVERY_S, capacityX: CAPACITY_X, schedules, steady, core };
const tables = renderTables(rows, setup);
const byName = (name) => rows.filter((row) => row.group === 'outage' && row.entry.name === name);
const herd = byName('default').map(herdLine);

writeFileSync(join(here, 'results.md'), renderMarkdown(tables, setup));
writeFileSync(join(here, 'herd.svg'), renderPlot({
  panels: OUTAGES_S.map((lengthS) => ({
    lengthS,
    outage: { startS: OUTAGE_FROM_S, endS: OUTAGE_FROM_S + lengthS },
    runs: ['default', '0.2'].map((name) => {
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
console.log(`\nWrote bench/herd/results.md and bench/herd/herd.svg in ${runTimeS.toFixed(1)} s (${runs.length + steadyRuns.length} runs).`);
