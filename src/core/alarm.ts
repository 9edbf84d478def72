import type { Clock, TimerId } from './clock.js';

export interface Alarm {
  /** Rings once at `at` on the clock (null: never), replacing any earlier setting. */
  set(at: number | null): void;
}

/** One pending timer at most: the poller's wake-up and the status timer are each one of these. */
export function createAlarm(clock: Clock, ring: () => void): Alarm {
  let timer: TimerId | undefined;
  return {
    set(at) {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = at === null ? undefined : clock.setTimeout(() => ((timer = undefined), ring()), Math.max(0, at - clock.now()));
    },
  };
}
