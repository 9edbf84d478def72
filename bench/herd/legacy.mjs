// The retry rules of version 0.1.0, kept here for the before/after rows: src/ no longer has them (issue 11
// replaced them). As in src/core/backoff.ts and session.ts at commit f59e9a8: 3 s × 1.55ⁿ capped at 50 s,
// each delay drawn between ¾ of that and all of it, 8 retries; the 9th failure ends the run
// (`willRetry: false`) and, after a fixed 5-minute cool-down, the poller starts a whole new run at retry 0.
// Its poller refreshed exactly at freshUntil (no spread).

export const schedule010 = { firstDelayMs: 3_000, factor: 1.55, maxDelayMs: 50_000, maxRetries: 8, jitter: 0.25, cooldownMs: 5 * 60_000 };

/**
 * The same interface as the rules sim.mjs takes from src/ (`retryDelay`, `budgetSpent`), plus what 0.1.0
 * did after a cool-down. 0.1.0's cool-down had no jitter. Its poller woke at max(freshUntil, end of the
 * cool-down), which is always the end of the cool-down here: a run starts at freshUntil or later.
 */
export const rules010 = {
  budgetSpent: (schedule, retry) => retry >= schedule.maxRetries,
  retryDelay(schedule, retry, retryAfterMs, random) {
    if (rules010.budgetSpent(schedule, retry)) return schedule.cooldownMs;
    const delay = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * schedule.factor ** retry);
    return Math.max(Math.round(delay * (1 - schedule.jitter * (1 - random()))), retryAfterMs);
  },
  restartsAfterCooldown: true,
};
