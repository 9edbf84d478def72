// The retry rules a simulated session follows after a failure: src/'s own (nextDelay) or an alternative
// measured beside it. Every alternative keeps the interface sim.mjs reads: `nextDelay(schedule, situation,
// random)`, `isQuick(schedule, situation)` (a quick retry for waiting callers: not counted as waiting),
// `budgetSpent`, and whether the failure count restarts after a cool-down (0.1.0 only). `situation` is
// src's RetryCase plus `usableForMs` (what the held token has left), which one alternative reads.
import { rules010 } from './legacy.mjs';

/** The rules named `name`, built on `core` (src/core's functions, from core.mjs). */
export function rulesFor(name, core) {
  const src = { nextDelay: core.nextDelay, isQuick: core.isQuick, budgetSpent: core.budgetSpent, restartsAfterCooldown: false };
  const quickForAll = (schedule, { retry }) => !core.budgetSpent(schedule, retry);
  /** src's rules with another wait when no caller waits. */
  const noHurry = (wait) => ({
    ...src,
    nextDelay: (schedule, situation, random) => (core.isQuick(schedule, situation) ? core.nextDelay(schedule, situation, random) : wait(schedule, situation, random)),
  });
  switch (name) {
    case 'src':
      return src;
    // 0.2: every failure got the quick retries (3, 4.65, 7.2 s), callers or not, then 30–60 s.
    case '0.2':
      return { ...src, nextDelay: (schedule, { retry }, random) => core.retryDelay(schedule, retry, 0, random), isQuick: quickForAll };
    // Issue 19's first idea: a session still holding a usable token spreads its retries over the time it
    // has left (each drawn between half of it and all of it, at least 1 s); one with none retries quickly
    // (as if callers always waited); after the quick retries, 30–60 s.
    case 'usable-spread':
      return {
        ...src,
        nextDelay: (schedule, { retry, usableForMs }, random) =>
          usableForMs > 0 && !core.budgetSpent(schedule, retry)
            ? Math.max(1_000, Math.round(usableForMs * (0.5 + 0.5 * random())))
            : core.retryDelay(schedule, retry, 0, random),
        isQuick: quickForAll,
      };
    // With no caller waiting, a point drawn in 30–60 s (the cool-down's draw) instead of the refresh interval.
    case 'cooldown-draw':
      return noHurry((schedule, { retry }, random) => core.retryDelay(schedule, Math.max(retry, schedule.maxRetries), 0, random));
    // With no caller waiting, a point drawn in 1–60 s.
    case 'full-spread':
      return noHurry((schedule, situation, random) => Math.max(1_000, Math.round(schedule.cooldownMs * random())));
    // With no caller waiting, the refresh interval drawn between 90 % of it and all of it.
    case 'rhythm-jitter':
      return noHurry((schedule, situation, random) => Math.round(core.nextDelay(schedule, situation, random) * (0.9 + 0.1 * random())));
    case '0.1.0':
      return { nextDelay: (schedule, { retry }, random) => rules010.retryDelay(schedule, retry, 0, random), isQuick: (schedule, { retry }) => !rules010.budgetSpent(schedule, retry), budgetSpent: rules010.budgetSpent, restartsAfterCooldown: true };
    default:
      throw new Error(`unknown herd rules: ${name}`);
  }
}
