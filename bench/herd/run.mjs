// `npm run bench:herd`: what N browsers do to the token endpoint (issue 7), by discrete-event simulation
// of the project's real zone, poller and backoff rules (see sim.mjs for the model and its assumptions).
// Prints one markdown table and writes bench/herd/results.md and bench/herd/herd.svg.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './core.mjs';
import { recovery, steadyState } from './metrics.mjs';
import { renderPlot } from './plot.mjs';
import { makeToken, simulate } from './sim.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const N = 100_000;
/** Fixed so runs are reproducible; HERD_SEED=<n> checks that the conclusions do not hang on one seed. */
const SEED = Number(process.env.HERD_SEED ?? 7);
const LIFETIME_S = 60;
const REFRESH_THRESHOLD_S = 15;
/** The outage: 2 minutes, starting once every session has been through a few refresh cycles. */
const OUTAGE = { startS: 180, endS: 300 };
/** Long enough after the recovery to see sessions come back from the 5-minute cool-down. */
const AFTER_RECOVERY_S = 420;
const PEAK_WINDOW_S = 300;
const STEADY_HORIZON_S = 300;
const STEADY_FROM_S = 60;
const JITTERS = ['none', 'full', 'equal', 'quarter'];

const started = performance.now();
const core = await loadCore();
const schedules = JITTERS.map((jitter) => ({ name: jitter, schedule: { ...core.defaultBackoff, jitter } }));
// Sign-ins are spread uniformly over one refresh cycle (45 s = the poller's wake-up for a token received
// at 0), so the steady state has every refresh phase equally often. (Spread over the 60 s lifetime, the
// first 15 s of phases would be taken twice, a ±50% ripple that would last for ever: a token is always
// refreshed exactly 45 s after it is received.)
const refreshCycleS = core.nextRefreshAt(makeToken(0, LIFETIME_S), core.refreshThresholdMs(REFRESH_THRESHOLD_S), 0, true) / 1000;
const base = { n: N, seed: SEED, lifetimeS: LIFETIME_S, refreshThreshold: REFRESH_THRESHOLD_S, staggerS: refreshCycleS, checkEveryS: 60 };

const run = (schedule, extra) => simulate(core, { ...base, schedule, ...extra });
const outageRun = (schedule, outage, capacity) =>
  run(schedule, { outage, capacity, horizonS: outage.endS + AFTER_RECOVERY_S });

// 1. Steady state.
const steady = schedules.map(({ name, schedule }) => ({ name, ...steadyState(run(schedule, { horizonS: STEADY_HORIZON_S }), STEADY_FROM_S, LIFETIME_S) }));
const steadyRate = steady[0].rate;
const capacity = Math.round(1.5 * steadyRate);

// 2. and 3. The outage, with unlimited capacity and with 1.5× the steady-state rate.
const outageScenario = (cap) => schedules.map(({ name, schedule }) => {
  const result = outageRun(schedule, OUTAGE, cap);
  return { name, run: result, ...recovery(result, OUTAGE.endS, PEAK_WINDOW_S) };
});
const unlimited = outageScenario(Infinity);
const limited = outageScenario(capacity);

// Sensitivity: shorter and longer outages at 1.5× capacity (the retry window is about 2.7 minutes).
const sensitivity = [60, 180].map((lengthS) => ({
  lengthS,
  rows: schedules.map(({ name, schedule }) => {
    const outage = { startS: OUTAGE.startS, endS: OUTAGE.startS + lengthS };
    return { name, ...recovery(outageRun(schedule, outage, capacity), outage.endS, PEAK_WINDOW_S) };
  }),
}));

// Report.
const fmt = (value) => Math.round(value).toLocaleString('en-US');
const pct = (count) => `${((100 * count) / N).toFixed(1)} %`;
const ratio = (peak) => `${fmt(peak)} (${(peak / steadyRate).toFixed(2)}×)`;
const seconds = (s, horizon) => (s === null ? `> ${horizon} s` : `${s} s`);
const saturation = (r) => (r.saturatedSeconds === 0 ? 'never' : `${r.saturatedSeconds} s at capacity, last at +${r.saturatedUntil} s (${fmt(r.rejected)} × 503)`);
const row = (cells) => `| ${cells.join(' | ')} |`;

const header = [
  row(['Scenario', 'Jitter', 'Requests/s at endpoint', 'Requests per token (45 s cycle)', 'Requests per session per 60 s',
    'Peak requests/s ≤ 5 min after recovery (× steady)', '99 % valid again after recovery', 'Sessions with a final failure', 'Endpoint saturated after recovery']),
  row(Array(9).fill('---')),
];
const steadyRows = steady.map((s) => row([`1. steady state`, s.name, `${fmt(s.rate)} (peak second ${fmt(s.peakSecond)})`,
  s.perToken.toFixed(2), s.perSessionPerLifetime.toFixed(2), '—', '—', '0', '—']));
const outageRows = (label, rows, showSaturation) => rows.map((r) => row([label, r.name, '—', '—', '—', ratio(r.peak),
  seconds(r.to99, r.horizonAfterRecovery), `${fmt(r.finalFailures)} (${pct(r.finalFailures)})`, showSaturation ? saturation(r) : '— (unlimited)']));
const table = [
  ...header,
  ...steadyRows,
  ...outageRows('2. 2-min outage, unlimited capacity after', unlimited, false),
  ...outageRows(`3. 2-min outage, capacity ${fmt(capacity)}/s (1.5× steady)`, limited, true),
].join('\n');

const sensitivityTable = [
  row(['Outage, capacity 1.5× steady', 'Jitter', 'Peak requests/s ≤ 5 min after recovery (× steady)', '99 % valid again after recovery', 'Sessions with a final failure', 'Endpoint saturated after recovery']),
  row(Array(6).fill('---')),
  ...sensitivity.flatMap(({ lengthS, rows }) => rows.map((r) => row([`${lengthS / 60} min`, r.name, ratio(r.peak),
    seconds(r.to99, r.horizonAfterRecovery), `${fmt(r.finalFailures)} (${pct(r.finalFailures)})`, saturation(r)]))),
].join('\n');

const markdown = `## Herd simulation (issue 7)

N = ${fmt(N)} sessions, 60 s tokens refreshed 15 s before expiry, sign-ins spread over one 45 s refresh cycle,
outage ${OUTAGE.startS}–${OUTAGE.endS} s of simulated time, backoff = \`defaultBackoff\` (3 s × 1.55ⁿ, at most
50 s, 8 retries, then a ${core.COOLDOWN_MS / 60_000}-minute cool-down) with each jitter variant. Seed ${SEED}.
Generated by \`npm run bench:herd\` (bench/herd/run.mjs).

${table}

Jitter: none = the exponential delay; full = uniform in [0, delay]; equal = uniform in [delay/2, delay];
quarter = uniform in [3/4 delay, delay]. "Final failure" = a \`tokenerror\` with \`willRetry: false\` (budget
spent), after which the session waits out the cool-down. "Valid" = a token with more than 5 s left.

Sensitivity (same model, other outage lengths, capacity 1.5× steady state):

${sensitivityTable}

Plot of scenario 3 (requests/s and sessions with a valid token, per schedule): bench/herd/herd.svg.
`;

writeFileSync(join(here, 'results.md'), markdown);
writeFileSync(join(here, 'herd.svg'), renderPlot({
  title: `2-min outage, then capacity 1.5× steady state (${fmt(capacity)}/s) — N = ${fmt(N)}`,
  runs: limited.map(({ name, run: result }) => ({ name, run: result })),
  outage: OUTAGE, steadyRate, capacity, n: N,
  fromS: OUTAGE.startS - 30, toS: OUTAGE.endS + AFTER_RECOVERY_S,
}));
console.log(table);
console.log(`\nSensitivity (capacity 1.5× steady):\n${sensitivityTable}`);
const elapsed = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\nWrote bench/herd/results.md and bench/herd/herd.svg in ${elapsed} s.`);
