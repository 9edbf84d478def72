// The figures of run.mjs as markdown tables, the HERD lines, and results.md around them.
import { rules010 } from './legacy.mjs';

/** Issues 11 and 19's goal, for every outage length: the endpoint is not swamped, and sessions are back at once. */
const GOAL = { peak: 1.5, valid99S: 60, waiting: 0 };

const fmt = (value) => Math.round(value).toLocaleString('en-US');
const times = (ratio) => `${ratio.toFixed(2)}×`;
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, body) => [row(head), row(head.map(() => '---')), ...body.map(row)].join('\n');
export const length = (s) => (s < 60 ? `${s} s` : `${s / 60} min`);
const valid99 = (r) => (r.valid99 === null ? `> ${r.observedS} s` : `${r.valid99} s`);

export function goal(r) {
  const missed = [
    r.peak > GOAL.peak && 'peak',
    (r.valid99 === null || r.valid99 > GOAL.valid99S) && '99 % valid',
    r.waiting > GOAL.waiting && 'waiting',
  ].filter(Boolean);
  return missed.length === 0 ? 'met' : `missed: ${missed.join(', ')}`;
}

/** `HERD outage=<s> peak=<× steady> valid99=<s after recovery> waiting=<count>`, for scripts to read. */
export const herdLine = (r) => `HERD outage=${r.lengthS} peak=${r.peak.toFixed(2)} valid99=${r.valid99 ?? `>${r.observedS}`} waiting=${r.waiting}`;

const seconds = (ms) => `${Number((ms / 1000).toFixed(2))}`;

/** A schedule in words, its delays computed by src's functions where it runs them. */
function describe({ schedule, rules = 'src', spread, activeShare = 0 }, core) {
  const quick = Array.from({ length: schedule.maxRetries }, (_, retry) => seconds(core.retryDelay({ ...schedule, jitter: 0 }, retry, 0, () => 0)));
  const jitter = `each drawn ×[${1 - schedule.jitter}, 1]`;
  const cooldown = `${schedule.cooldownMs / 2000}–${schedule.cooldownMs / 1000} s`;
  const callers = activeShare === 0 ? 'no session has callers' : `${activeShare * 100} % of sessions have a caller whenever their token is not usable`;
  const words = {
    src: `quick retries after ${quick.join(', ')} s (${jitter}) only while callers wait; any other wait, and every wait once ${schedule.maxRetries} retries are spent, drawn in ${cooldown}; ${callers}`,
    '0.2': `quick retries after ${quick.join(', ')} s (${jitter}) after every failure, callers or not; then one attempt every ${cooldown}`,
    'usable-spread': `while a usable token is held, each retry drawn between half and all of the time it has left (at least 1 s); with none, quick retries after ${quick.join(', ')} s (${jitter}); after ${schedule.maxRetries} retries, ${cooldown}`,
    'full-spread': `as the default, but a wait with no hurry drawn over 1–${schedule.cooldownMs / 1000} s instead of ${cooldown}`,
    '0.1.0': 'quick retries after 3, 4.65, 7.21, 11.17, 17.32, 26.84, 41.6, 50 s (each drawn ×[0.75, 1]), then a fixed 5-minute cool-down and a whole new run',
  }[rules];
  const poller = spread ? 'poller spread over 45–50 s (`refreshAt`)' : 'poller exactly at `freshUntil` (45 s)';
  return `${words}; ${poller}`;
}

export function renderTables(rows, { steady, capacityX }) {
  const steadyTable = table(
    ['Poller', 'Requests/s', 'Peak second', 'Requests per token', 'Requests per session per minute', `Capacity in the outage runs (${capacityX}×)`],
    [true, false].map((spread) => {
      const s = steady.get(spread);
      return [spread ? 'spread (45–50 s)' : 'at freshUntil (45 s)', fmt(s.rate), fmt(s.peakSecond), s.perToken.toFixed(2), s.perSessionPerMinute.toFixed(2), `${fmt(capacityX * s.rate)}/s`];
    }),
  );
  const head = ['Outage', 'Schedule', 'Peak requests/s ≤ 5 min after recovery (× steady)', 'Busiest second 5–7 min after (× steady)', '99 % valid after recovery', 'Waiting at +60 s',
    'During the outage: last minute, peak second (× steady)', 'Token lapses', 'Session-minutes without a token', '503s after recovery', 'Goal'];
  const cells = (r, label = length(r.lengthS)) => [label, r.entry.label, `${times(r.peak)} (${fmt(r.peakRate)}/s)`, times(r.latePeak), valid99(r), fmt(r.waiting),
    `${times(r.duringMean)}, ${times(r.duringPeak)}`, fmt(r.lapses), fmt(r.tokenlessMinutes), fmt(r.rejected), goal(r)];
  const outages = table(head, rows.filter((r) => r.group === 'outage').map((r) => cells(r)));
  const others = table(head, rows.filter((r) => r.group === 'unlimited').map((r) => cells(r, `${length(r.lengthS)}, unlimited capacity`)));
  return { steady: steadyTable, outages, others };
}

export function renderMarkdown(tables, { n, seed, outageFromS, afterRecoveryS, capacityX, schedules, core }) {
  return `## Herd simulation (issues 7, 11 and 19)

${fmt(n)} sessions, 60 s tokens, refresh threshold 15 s, seed ${seed}. Each outage starts at t = ${outageFromS} s; every
request during it gets 503. Outside it the endpoint answers ${capacityX}× the steady-state rate of the schedule under
test per second and 503 beyond (unless said). Each run is observed until ${afterRecoveryS / 60} minutes after recovery.

Goal (issues 11 and 19), for every outage length from 10 s to 30 min: peak ≤ ${GOAL.peak}× steady state in the 5 minutes
after recovery, 99 % of sessions valid ≤ ${GOAL.valid99S} s after recovery, no session waiting on a cool-down once the
endpoint is back.

Schedules:
${schedules.map((entry) => `- ${entry.label}: ${describe(entry, core)}.`).join('\n')}

### Steady state

${tables.steady}

### Outages, capacity ${capacityX}× steady state

${tables.outages}

Peak: the busiest second in the 5 minutes after recovery, 503s included, against the schedule's own steady
state. Busiest second 5–7 min after: the ripple of sessions that got their tokens in the same seconds and
refresh in step. 99 % valid: seconds after recovery until 99 % of sessions hold a token with more than 5 s
left. Waiting at +60 s: sessions with no valid token whose next attempt is not a quick retry for a waiting
caller (the end of a cool-down or of a wait with no hurry), 60 s after recovery. During the outage: the
mean rate over its last minute, and its busiest second. Token lapses: times a session that held a token
went without one for a while; session-minutes without a token: from the outage's start to the end of the
run. 503s after recovery: answers refused for capacity.

Why a blip cost 3.99× in 0.2, and why jitter could not fix it: while an outage lasts, sessions reach their
refresh point at the steady rate r and each retry a failing session makes adds r more (rate ≈ r × (1 +
retries made so far per failure)). 0.2 made three quick retries within 15 s of every failure, so the
endpoint met about 4 r from 15 s into any outage until the sessions were all in cool-down, and that load
is what is there the second it comes back; spreading the retries in time does not change their number.
The default keeps quick retries for waiting callers and lets every other failing session try again when
its next refresh would have come: the sessions keep the rhythm they had, and the endpoint meets its
steady load throughout and after the outage.

### Other scenarios

A 2-minute outage with unlimited capacity (the default schedule).

${tables.others}

Plot (default vs 0.2, one panel per outage length): \`bench/herd/herd.svg\`.

### Model

See the header of \`bench/herd/sim.mjs\`. In short: one visible, online tab per session, driven by the real
\`refreshAt\`, \`freshUntil\`, \`usableUntil\`, \`zoneOf\`, \`nextDelay\`, \`isQuick\` and \`budgetSpent\` from src/core
(bundled by core.mjs, which fails loudly when they no longer behave as the model assumes); the alternatives
are in \`bench/herd/rules.mjs\`, 0.1.0's rules in \`bench/herd/legacy.mjs\`. A success schedules the next
attempt at the token's refresh point, a failure after \`nextDelay\`; requests take no time; the endpoint
serves the first \`capacity\` requests of each second. Sign-ins follow the steady state's refresh phases, so
the load is flat before the outage. With callers, a share of the sessions has a caller waiting whenever its
token is not usable (a user who keeps working), who hurries a wait with no hurry to a quick retry.

### Reproduce

\`npm run bench:herd\` (bench/herd/run.mjs) rewrites \`bench/herd/results.md\` and \`herd.svg\`; the runs are
seeded, so the figures are the same on every machine. \`HERD_SEED=<n> npm run bench:herd\` reruns it with another seed.
`;
}
