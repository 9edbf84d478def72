// The figures of run.mjs as markdown tables, the HERD lines, and results.md around them.
import { rules010 } from './legacy.mjs';

/** Issue 11's goal, for every outage length: the endpoint is not swamped, and sessions are back at once. */
const GOAL = { peak: 1.5, valid99S: 60, waiting: 0 };

const fmt = (value) => Math.round(value).toLocaleString('en-US');
const times = (ratio) => `${ratio.toFixed(2)}×`;
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, body) => [row(head), row(head.map(() => '---')), ...body.map(row)].join('\n');
const length = (s) => (s < 60 ? `${s} s` : `${s / 60} min`);
const valid99 = (r) => (r.valid99 === null ? `> ${r.observedS} s` : `${r.valid99} s`);

function goal(r) {
  const missed = [
    r.peak > GOAL.peak && 'peak',
    (r.valid99 === null || r.valid99 > GOAL.valid99S) && '99 % valid',
    r.waiting > GOAL.waiting && 'waiting',
  ].filter(Boolean);
  return missed.length === 0 ? 'met' : `missed: ${missed.join(', ')}`;
}

/** `HERD outage=<s> peak=<× steady> valid99=<s after recovery> waiting=<count>`, for scripts to read. */
export const herdLine = (r) => `HERD outage=${r.lengthS} peak=${r.peak.toFixed(2)} valid99=${r.valid99 ?? `>${r.observedS}`} waiting=${r.waiting}`;

/** A schedule in words, its quick delays computed by the rules it runs (src's or 0.1.0's) without jitter. */
function describe({ schedule, rules, spread }, core) {
  const delay = rules === '0.1.0' ? rules010.retryDelay : core.retryDelay;
  const quick = Array.from({ length: schedule.maxRetries }, (_, k) => `${Number((delay({ ...schedule, jitter: 0 }, k, 0, () => 0) / 1000).toFixed(2))}`);
  const after = rules === '0.1.0'
    ? `then a fixed ${schedule.cooldownMs / 60_000}-minute cool-down and a whole new run`
    : `then one attempt every ${schedule.cooldownMs / 2000}–${schedule.cooldownMs / 1000} s (the retry index keeps counting)`;
  const poller = spread ? 'poller spread over 45–50 s (`refreshAt`)' : 'poller exactly at `freshUntil` (45 s)';
  return `quick retries after ${quick.join(', ')} s, each drawn ×[${1 - schedule.jitter}, 1]; ${after}; ${poller}`;
}

export function renderTables(rows, { steady, capacityX }) {
  const steadyTable = table(
    ['Poller', 'Requests/s', 'Peak second', 'Requests per token', 'Requests per session per minute', `Capacity in the outage runs (${capacityX}×)`],
    [true, false].map((spread) => {
      const s = steady.get(spread);
      return [spread ? 'spread (45–50 s)' : 'at freshUntil (45 s)', fmt(s.rate), fmt(s.peakSecond), s.perToken.toFixed(2), s.perSessionPerMinute.toFixed(2), `${fmt(capacityX * s.rate)}/s`];
    }),
  );
  const head = ['Outage', 'Schedule', 'Peak requests/s ≤ 5 min after recovery (× steady)', 'Busiest second 5–7 min after (× steady)', '99 % valid after recovery', 'Waiting on a cool-down at +60 s',
    'During the outage: last minute, peak second (× steady)', 'Sessions that hit a cool-down', '503s after recovery', 'Goal'];
  const cells = (r, label = length(r.lengthS)) => [label, r.entry.label, `${times(r.peak)} (${fmt(r.peakRate)}/s)`, times(r.latePeak), valid99(r), fmt(r.waiting),
    `${times(r.duringMean)}, ${times(r.duringPeak)}`, fmt(r.sawCooldown), fmt(r.rejected), goal(r)];
  const outages = table(head, rows.filter((r) => r.group === 'outage').map((r) => cells(r)));
  const others = table(head, [
    ...rows.filter((r) => r.group === 'unlimited').map((r) => cells(r, `${length(r.lengthS)}, unlimited capacity`)),
    ...rows.filter((r) => r.group === 'blip').map((r) => cells(r)),
  ]);
  return { steady: steadyTable, outages, others };
}

export function renderMarkdown(tables, { n, seed, outageFromS, afterRecoveryS, capacityX, blipS, schedules, core }) {
  return `## Herd simulation (issues 7 and 11)

${fmt(n)} sessions, 60 s tokens, refresh threshold 15 s, seed ${seed}. Each outage starts at t = ${outageFromS} s; every
request during it gets 503. Outside it the endpoint answers ${capacityX}× the steady-state rate of the schedule under
test per second and 503 beyond (unless said). Each run is observed until ${afterRecoveryS / 60} minutes after recovery.

Goal (issue 11), for every outage length: peak ≤ ${GOAL.peak}× steady state in the 5 minutes after recovery, 99 % of
sessions valid ≤ ${GOAL.valid99S} s after recovery, no session waiting on a cool-down once the endpoint is back.

Schedules:
${schedules.map((entry) => `- ${entry.label}: ${describe(entry, core)}.`).join('\n')}

### Steady state

${tables.steady}

### Outages, capacity ${capacityX}× steady state

${tables.outages}

Peak: the busiest second in the 5 minutes after recovery, 503s included, against the schedule's own steady
state. Busiest second 5–7 min after: the 45 s ripple of sessions that got their tokens in the same seconds
and refresh in step (what the poller's spread removes). 99 % valid: seconds after recovery until 99 % of
sessions hold a token with more than 5 s left. Waiting: sessions with no valid token whose next attempt is
the end of a cool-down, 60 s after recovery. During the outage: the mean rate over its last minute, and its
busiest second. 503s after recovery: answers refused for capacity.

### Other scenarios

A 2-minute outage with unlimited capacity (the default schedule), and a ${length(blipS)} blip. A blip shorter than the
quick retries' window is where they cost load: the sessions that failed during it retry on the recovering
endpoint within seconds of each other, so fewer quick retries mean a lower peak but more sessions pushed
into a cool-down by the 503s for capacity.

${tables.others}

Plot (default vs 0.1.0, one panel per outage length): \`bench/herd/herd.svg\`.

### Model

See the header of \`bench/herd/sim.mjs\`. In short: one visible, online tab per session, driven by the real
\`refreshAt\`, \`freshUntil\`, \`usableUntil\`, \`zoneOf\`, \`retryDelay\` and \`budgetSpent\` from src/core (bundled
by core.mjs, which fails loudly when they no longer behave as the model assumes); 0.1.0's rules are in
\`bench/herd/legacy.mjs\`. A success schedules the next attempt at the token's refresh point, a failure after
\`retryDelay(schedule, failures)\`; requests take no time; the endpoint serves the first \`capacity\`
requests of each second. Sign-ins follow the steady state's refresh phases, so the load is flat before the outage.

### Reproduce

\`npm run bench:herd\` (bench/herd/run.mjs) rewrites \`bench/herd/results.md\` and \`herd.svg\`; the runs are
seeded, so the figures are the same on every machine. \`HERD_SEED=<n> npm run bench:herd\` reruns it with another seed.
`;
}
