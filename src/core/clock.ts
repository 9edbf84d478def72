// The only place the core reads time. Everything else receives a Clock, so tests can run an hour of
// token lifetimes on a virtual clock in milliseconds without patching globals.

export type TimerId = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/**
 * The longest delay a browser timer holds: above 2³¹−1 ms (24.8 days) every engine fires at once. Every
 * delay is clamped here, at the clock, so no caller (a far Retry-After, a token living for weeks) can turn
 * a long wait into a loop; a timer that rings early finds nothing due yet and sets itself again.
 */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** `ms` as a timer can hold it: 0 for anything negative or not a number, at most MAX_DELAY_MS. */
export const timerDelay = (ms: number) => Math.min(MAX_DELAY_MS, ms > 0 ? ms : 0);

// Lambdas rather than bound references, so a test spy installed on the globals later still sees calls.
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, timerDelay(ms)),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** When this page's navigation started, on the system clock (the moment a server-rendered token was asked for). */
export const navigationStart = () => Date.now() - performance.now();

export interface VirtualClock extends Clock {
  /** Moves time forward by `ms`, firing due timers in order and letting promises settle after each. */
  advance(ms: number): Promise<void>;
  /** Timers scheduled and not yet fired or cleared. */
  readonly pendingTimers: number;
  /** Timer callbacks fired so far. */
  readonly firedTimers: number;
}

// A macrotask lets every queued microtask (and any real I/O that already finished) run first. A message
// rather than setTimeout(0): browsers clamp nested zero timeouts to 4 ms, which made long advances slow.
const settle = () =>
  new Promise<void>((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });

export function createVirtualClock(start = 0): VirtualClock {
  let now = start;
  let nextId = 1;
  let fired = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();

  const nextDue = (until: number) => {
    let best: [number, { at: number; callback: () => void }] | undefined;
    for (const entry of timers) {
      if (entry[1].at <= until && (!best || entry[1].at < best[1].at)) best = entry;
    }
    return best;
  };

  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + timerDelay(ms), callback });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
    async advance(ms) {
      const until = now + ms;
      await settle();
      for (let due = nextDue(until); due; due = nextDue(until)) {
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        fired++;
        due[1].callback();
        await settle();
      }
      now = until;
      await settle();
    },
    get pendingTimers() {
      return timers.size;
    },
    get firedTimers() {
      return fired;
    },
  };
}
