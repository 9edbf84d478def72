// The herd simulation: N sessions on a virtual clock, each driven by the project's real decision
// functions (zones.ts, backoff.ts, loaded by core.mjs), against one token endpoint with a per-second capacity.
//
// Model (what src/core/session.ts does for one visible, online tab whose poller alone starts requests):
// - A session signs in and attempts at once (it holds no token).
// - Success at t: the token is received at t and lives `lifetimeS` on the local clock. The next attempt is at
//   `refreshAt(token, threshold, random())`, drawn once per token in the first half of the stale window
//   (45–50 s for a 60 s token); with `spread: false`, exactly at `freshUntil` (45 s), as 0.1.0 did.
// - Failure number k (k failures since the last token): the next attempt is at t + `nextDelay(schedule,
//   { retry: k, usableForMs, callersWaiting })`, where `usableForMs` is what the held token has left
//   (`usableUntil − t`, 0 when none) and `callersWaiting` says whether getToken() callers wait (see below).
//   The failure count keeps counting and resets only on success; 0.1.0's rules (legacy.mjs) reset it after
//   each cool-down instead.
// - Callers: a share `activeShare` of the sessions (0 by default) have a user who calls getToken() all the
//   time: a caller waits whenever such a session holds no usable token (callersWaiting), and when its token
//   lapses during a wait chosen with no caller, the caller hurries it: the next attempt is then at
//   max(the lapse, failure + nextDelay(…, callersWaiting: true)) if that is sooner. The other sessions have
//   no callers (an idle tab, a background page).
// - A session "holds a valid token" while `now < usableUntil(token)` (5 s before expiry), i.e. while
//   `zoneOf` is not 'expired'. It is "waiting" when it holds none and its next attempt is not a quick retry
//   for callers: the end of a cool-down or of a wait with no hurry.
// Assumptions and simplifications:
// - One tab per session (cross-tab sharing would only lower the request count), always visible and online,
//   no focus/visibility/online triggers, no page loads (only the refreshes of sessions already signed in).
// - Requests take no time: an attempt is answered at the instant it is made.
// - The endpoint answers the first `capacity` requests of each 1-second bucket; the rest get 503 without
//   Retry-After. During an outage every request gets 503. 503 is retryable, like any 5xx.
// - Sign-ins are drawn so that refreshes are spread as in a long-running steady state (see `signInAt`).
import { EventHeap } from './heap.mjs';
import { rulesFor } from './rules.mjs';
import { mulberry32 } from './random.mjs';
import { makeToken, renewToken } from './token.mjs';

/**
 * The stationary phase of the refresh cycle: a uniform sign-in time would leave a ripple for many cycles
 * when the cycle varies (45–50 s). A point in time falls in a cycle of length L with a probability
 * proportional to L, so the time to the next refresh has density P(cycle > t) / E[cycle]: uniform below the
 * shortest cycle, then falling linearly to the longest (cycles are uniform between them).
 */
function signInAt(random, shortestMs, longestMs) {
  for (;;) {
    const at = random() * longestMs;
    if (at < shortestMs || random() * (longestMs - shortestMs) < longestMs - at) return Math.floor(at);
  }
}

/**
 * Runs one scenario and returns per-second series (requests, served, rejected = 503 for capacity, valid =
 * sessions holding a usable token at the start of each second) and counters. `rules`: 'src' (the
 * project's nextDelay) or an alternative's name from rules.mjs; a name, so options can go to a worker.
 */
export function simulate(core, options) {
  const { n, schedule, spread, horizonS, outage = null, capacity = Infinity, lifetimeS = 60, refreshThreshold = 15 } = options;
  const rules = rulesFor(options.rules ?? 'src', core);
  // Active sessions are the first ones: ids carry no meaning, sign-in times are drawn independently.
  const activeBelow = Math.round(n * (options.activeShare ?? 0));
  const thresholdMs = core.refreshThresholdMs(refreshThreshold);
  const horizonMs = horizonS * 1000;
  const staggerRandom = mulberry32(options.seed);
  // One stream for every draw a session makes (refreshAt, jitter), like session.ts's `random`.
  const random = mulberry32(options.seed ^ 0x9e3779b9);
  const nextRefresh = (token) => (spread ? core.refreshAt(token, thresholdMs, random()) : core.freshUntil(token, thresholdMs));
  // Every token lives `lifetimeS`, so when it was received says it all; a session with none yet "received"
  // one at -Infinity, which every zone rule reads as long expired. The rules only read tokens, so one
  // scratch Token object, filled per call, stands for all of them (no allocation, no 100,000 objects).
  const receivedAt = new Float64Array(n).fill(-Infinity);
  const scratch = makeToken(0, lifetimeS);
  const tokenOf = (id) => renewToken(scratch, receivedAt[id], lifetimeS);

  const series = { requests: new Int32Array(horizonS), served: new Int32Array(horizonS), rejected: new Int32Array(horizonS), validDiff: new Int32Array(horizonS + 2) };
  const failures = new Int32Array(n);
  // How long the poller let each session's last token run before refreshing it (0: it never had one).
  const refreshIntervalMs = new Float64Array(n);
  const cooling = new Uint8Array(n);
  const checks = [];
  let lapses = 0;
  const queue = new EventHeap(n);

  const first = makeToken(0, lifetimeS);
  const shortest = core.freshUntil(first, thresholdMs);
  const longest = spread ? core.refreshAt(first, thresholdMs, 1) : shortest; // draws stay below 1: the bound
  for (let id = 0; id < n; id++) queue.push(signInAt(staggerRandom, shortest, longest), id);

  const inOutage = (now) => outage !== null && now >= outage.startS * 1000 && now < outage.endS * 1000;

  /** One attempt of session `id` at `now`; returns when its next attempt is due. */
  function attempt(id, now) {
    const second = (now / 1000) | 0;
    const down = inOutage(now);
    series.requests[second]++;
    cooling[id] = 0;
    if (!down && series.served[second] < capacity) {
      series.served[second]++;
      receiveToken(id, now);
      failures[id] = 0;
      const refreshAtMs = nextRefresh(tokenOf(id));
      refreshIntervalMs[id] = refreshAtMs - now;
      return refreshAtMs;
    }
    if (!down) series.rejected[second]++; // 503 because the endpoint is at capacity
    const k = failures[id];
    const usableForMs = Math.max(0, core.usableUntil(tokenOf(id)) - now);
    const active = id < activeBelow;
    const situation = { retry: k, usableForMs, refreshIntervalMs: refreshIntervalMs[id], callersWaiting: active && usableForMs === 0, retryAfterMs: 0 };
    let next = now + rules.nextDelay(schedule, situation, random);
    let unhurried = !rules.isQuick(schedule, situation);
    if (active && usableForMs > 0) {
      // The token lapses before the next attempt: the caller who then arrives hurries it.
      const hurry = Math.max(now + usableForMs, now + rules.nextDelay(schedule, { ...situation, usableForMs: 0, callersWaiting: true }, random));
      if (hurry < next && rules.isQuick(schedule, { ...situation, callersWaiting: true })) [next, unhurried] = [hurry, false];
    }
    failures[id] = k + 1;
    cooling[id] = unhurried ? 1 : 0;
    if (rules.restartsAfterCooldown && rules.budgetSpent(schedule, k)) failures[id] = 0;
    return next;
  }

  /** The first whole second at or after `ms` (refreshAt makes fractional ms), capped past the horizon. */
  const validBin = (ms) => Math.min(Math.ceil(ms / 1000), horizonS + 1);

  /** A token received at `now`; keeps the validity series as a difference array over seconds. */
  function receiveToken(id, now) {
    const previousEnd = core.usableUntil(tokenOf(id));
    // Valid during [localIat, usableUntil): second k counts when localIat ≤ k s < usableUntil.
    if (previousEnd > now) series.validDiff[validBin(previousEnd)]++; // extends the previous validity interval
    else {
      series.validDiff[validBin(now)]++;
      if (previousEnd > -Infinity) lapses++; // it held one, and went without for a while
    }
    receivedAt[id] = now;
    series.validDiff[validBin(core.usableUntil(tokenOf(id)))]--;
  }

  /** Counts with zoneOf itself, at `now`: valid sessions (a cross-check of the series) and waiting ones. */
  function check(now) {
    let valid = 0;
    let waiting = 0;
    for (let id = 0; id < n; id++) {
      const isValid = core.zoneOf(tokenOf(id), now, thresholdMs) !== 'expired';
      valid += isValid;
      waiting += !isValid && cooling[id];
    }
    checks.push({ second: now / 1000, valid, waiting });
  }

  // Every `checkEveryS`, and at `waitingAtS`; each after all the events at that instant.
  const checkTimes = [...new Set([...Array.from({ length: Math.ceil(horizonS / options.checkEveryS) }, (_, i) => i * options.checkEveryS), options.waitingAtS ?? 0])]
    .sort((a, b) => a - b).map((s) => s * 1000);
  let nextCheck = 0;
  while (queue.peekTime() < horizonMs) {
    const now = queue.peekTime();
    for (; nextCheck < checkTimes.length && checkTimes[nextCheck] < now; nextCheck++) check(checkTimes[nextCheck]);
    const id = queue.pop();
    queue.push(attempt(id, now), id);
  }

  const valid = new Int32Array(horizonS);
  for (let k = 0, running = 0; k < horizonS; k++) valid[k] = running += series.validDiff[k];
  for (const { second, valid: counted } of checks) {
    if (valid[second] !== counted) throw new Error(`validity series disagrees with zoneOf at ${second} s: ${valid[second]} ≠ ${counted}`);
  }
  const waiting = checks.find(({ second }) => second === options.waitingAtS)?.waiting ?? null;
  return { requests: series.requests, served: series.served, rejected: series.rejected, valid, waiting, lapses, n };
}
