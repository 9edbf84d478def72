// The herd simulation: N sessions on a virtual clock, each driven by the project's real decision
// functions (zones.ts, backoff.ts), against one token endpoint with a per-second capacity.
//
// Model (what src/core/session.ts does for one visible tab with only its poller running):
// - A session signs in at a staggered time and starts a refresh run at once (it has no token).
// - A refresh run is one attempt plus up to `maxRetries` retries, `retryDelay(...)` apart. A success ends
//   the run: the token is received at that instant and lives `lifetimeS` seconds on the local clock.
// - When `retryDelay` returns null the budget is spent: that failure is the one reported with
//   `willRetry: false`, and the poller waits COOLDOWN_MS (notBefore = now + cool-down) before a new run.
// - Between runs the poller sleeps until `nextRefreshAt(token, threshold, notBefore, visible)`.
// - A session "holds a valid token" while `now < usableUntil(token)` (more than 5 s left), i.e. while
//   `zoneOf` is not 'expired'.
// Assumptions and simplifications:
// - One tab per session (cross-tab sharing would only lower the request count), always visible, always
//   online, no 50 ms ask-other-tabs wait at sign-in. No focus/visibility/online triggers: the poller
//   alone decides when to fetch. getToken() callers would add no requests: while a run backs off, or
//   during the cool-down, session.ts answers them with the last error instead of fetching.
// - Requests take no time: an attempt is answered at the instant it is made.
// - The endpoint answers the first `capacity` requests of each 1-second bucket; the rest get 503 (no
//   Retry-After). During an outage every request gets 503. 503 is retryable, like any 5xx.
import { EventHeap } from './heap.mjs';
import { mulberry32 } from './random.mjs';

/**
 * A token as src/core/token.ts places it on the local clock, received at `now`. The moment of receipt is
 * set under both names the Token type has used (`receivedAt`, later `localIat`); loadCore() checks that
 * the zone rules read it as expected.
 */
export function makeToken(now, lifetimeS) {
  const iat = Math.floor(now / 1000);
  return { jws: '', claims: { iat, exp: iat + lifetimeS }, receivedAt: now, localIat: now, expiresAt: now + lifetimeS * 1000 };
}

/** `token` turned into the one `makeToken(now, lifetimeS)` would make. */
function renewToken(token, now, lifetimeS) {
  const iat = Math.floor(now / 1000);
  token.claims.iat = iat;
  token.claims.exp = iat + lifetimeS;
  token.receivedAt = token.localIat = now;
  token.expiresAt = now + lifetimeS * 1000;
  return token;
}

/**
 * Runs one scenario and returns per-second series: requests, served, rejected (503 for capacity),
 * valid (sessions holding a usable token at the start of each second), plus counters.
 */
export function simulate(core, options) {
  const { n, schedule, horizonS, outage = null, capacity = Infinity, lifetimeS = 60, refreshThreshold = 15 } = options;
  const thresholdMs = core.refreshThresholdMs(refreshThreshold);
  const horizonMs = horizonS * 1000;
  const staggerRandom = mulberry32(options.seed);
  const jitterRandom = mulberry32(options.seed ^ 0x9e3779b9);

  const series = {
    requests: new Int32Array(horizonS),
    served: new Int32Array(horizonS),
    rejected: new Int32Array(horizonS),
    validDiff: new Int32Array(horizonS + 2),
  };
  const sessions = {
    token: new Array(n).fill(null),
    retries: new Int32Array(n),
    finalFailure: new Uint8Array(n),
  };
  const counters = { tokens: 0, finalFailures: 0 };
  const checks = [];
  const queue = new EventHeap(n);

  // Sign-ins spread uniformly over `staggerS` seconds; each starts a refresh run at once (no token yet).
  for (let id = 0; id < n; id++) queue.push(Math.floor(staggerRandom() * options.staggerS * 1000), id);

  const inOutage = (now) => outage !== null && now >= outage.startS * 1000 && now < outage.endS * 1000;

  /** One attempt of session `id` at `now`; returns when its next attempt is due. */
  function attempt(id, now) {
    const second = (now / 1000) | 0;
    series.requests[second]++;
    if (!inOutage(now) && series.served[second] < capacity) {
      series.served[second]++;
      receiveToken(id, now);
      sessions.retries[id] = 0;
      return core.nextRefreshAt(sessions.token[id], thresholdMs, 0, true);
    }
    if (!inOutage(now)) series.rejected[second]++; // 503 because the endpoint is at capacity
    const delay = core.retryDelay(schedule, sessions.retries[id]++, 0, jitterRandom);
    if (delay !== null) return now + delay;
    // Budget spent: tokenerror with willRetry: false, then the cool-down before the poller's next run.
    counters.finalFailures++;
    sessions.finalFailure[id] = 1;
    sessions.retries[id] = 0;
    return core.nextRefreshAt(sessions.token[id], thresholdMs, now + core.COOLDOWN_MS, true);
  }

  /** The first whole second at or after `ms` (all times are whole ms), capped past the horizon. */
  const validBin = (ms) => Math.min(((ms + 999) / 1000) | 0, horizonS + 1);

  /**
   * A token received at `now`; keeps the validity series as a difference array over seconds. The
   * session's token object is renewed in place (the zone rules only read it): 1.7 million fresh objects
   * per run would cost more in garbage collection than the whole simulation.
   */
  function receiveToken(id, now) {
    const previous = sessions.token[id];
    const previousEnd = previous ? core.usableUntil(previous) : 0;
    const token = previous ? renewToken(previous, now, lifetimeS) : makeToken(now, lifetimeS);
    // Valid during [receivedAt, usableUntil): second k counts when receivedAt ≤ k s < usableUntil.
    if (previousEnd > now) series.validDiff[validBin(previousEnd)]++; // extends the previous validity interval
    else series.validDiff[validBin(now)]++;
    series.validDiff[validBin(core.usableUntil(token))]--;
    sessions.token[id] = token;
    counters.tokens++;
  }

  /** Cross-check for the difference array: counts valid sessions at `now` with zoneOf itself. */
  function check(now) {
    let valid = 0;
    for (const token of sessions.token) if (token && core.zoneOf(token, now, thresholdMs) !== 'expired') valid++;
    checks.push({ second: now / 1000, valid });
  }

  let nextCheckMs = options.checkEveryS * 1000;
  while (queue.peekTime() < horizonMs) {
    const now = queue.peekTime();
    for (; nextCheckMs < now; nextCheckMs += options.checkEveryS * 1000) check(nextCheckMs);
    const id = queue.pop();
    const next = attempt(id, now);
    if (next !== null) queue.push(next, id);
  }

  const valid = new Int32Array(horizonS);
  for (let k = 0, running = 0; k < horizonS; k++) valid[k] = running += series.validDiff[k];
  for (const { second, valid: counted } of checks) {
    if (valid[second] !== counted) throw new Error(`validity series disagrees with zoneOf at ${second} s: ${valid[second]} ≠ ${counted}`);
  }

  const sawFinalFailure = sessions.finalFailure.reduce((sum, flag) => sum + flag, 0);
  return { requests: series.requests, served: series.served, rejected: series.rejected, valid, ...counters, sawFinalFailure, n };
}
