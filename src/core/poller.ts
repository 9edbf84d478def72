import type { Clock, TimerId } from './clock.js';

export interface Poller {
  /** Re-reads `nextCheckAt` and sets the one timer accordingly (no-op while a check runs). */
  schedule(): void;
  stop(): void;
}

/**
 * A sequential timer: one pending wake-up at most, placed at `nextCheckAt()` (null: no wake-up needed).
 * The next wake-up is scheduled only after `check` and everything it awaits (retries included) settle,
 * so two checks never overlap and an idle page with a fresh token sleeps until the token turns stale.
 */
export function createPoller(options: { clock: Clock; nextCheckAt: () => number | null; check: () => Promise<unknown> }): Poller {
  const { clock } = options;
  let timer: TimerId | undefined;
  let checking = false;
  let stopped = false;

  const clear = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  const fire = async () => {
    timer = undefined;
    checking = true;
    try {
      await options.check();
    } catch {
      // The check reports its own failures (tokenerror); a poller that died here would stop keeping the token fresh.
    } finally {
      checking = false;
      schedule();
    }
  };

  function schedule() {
    clear();
    if (checking || stopped) return;
    const at = options.nextCheckAt();
    if (at !== null) timer = clock.setTimeout(fire, Math.max(0, at - clock.now()));
  }

  return {
    schedule,
    stop() {
      stopped = true;
      clear();
    },
  };
}
