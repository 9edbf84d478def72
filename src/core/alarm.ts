import type { Clock, TimerId } from './clock.js';

export interface Alarm {
  /** Rings once at `at` on the clock (Infinity: never), replacing any earlier setting. */
  set(at: number): void;
}

/** One pending timer at most: a session's poller wake-up or status change, whichever is first. */
export function createAlarm(clock: Clock, ring: () => void): Alarm {
  let timer: TimerId | undefined;
  return {
    set(at) {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = at < Infinity ? clock.setTimeout(() => ((timer = undefined), ring()), Math.max(0, at - clock.now())) : undefined;
    },
  };
}
