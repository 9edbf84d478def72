// Helpers for benchmarks that drive the real core on a virtual clock against the real bench server.
import type { VirtualClock } from '../../../src/core/clock.js';
import { type BrowserSignals, type Trigger } from '../../../src/core/signals.js';

// One macrotask that is not a timer. Chromium clamps a chain of more than five nested setTimeout(0)
// calls to 4 ms each, and VirtualClock.advance() settles with setTimeout(0): a hop between two
// advances resets the nesting, so a simulated hour takes seconds instead of minutes.
const { port1, port2 } = new MessageChannel();
const hops: Array<() => void> = [];
port1.onmessage = () => hops.shift()?.();
export const hop = () =>
  new Promise<void>((resolve) => {
    hops.push(resolve);
    port2.postMessage(null);
  });

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A visible, online page whose signals never fire on their own (no real focus or visibility events). */
export function benchSignals(): BrowserSignals {
  const listeners = new Set<(trigger: Trigger) => void>();
  const signals: BrowserSignals = {
    isOnline: () => true,
    isVisible: () => true,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return signals;
}

/**
 * The real I/O of a simulated page: `fetch`, Web Locks and BroadcastChannel, each counted until it
 * completes, so the simulation can wait for real I/O before moving virtual time on (I/O takes no
 * virtual time). `coordinated: false` gives the per-tab baseline: no channel and no lock (`locks: null`
 * turns the cross-tab lock off), so every tab refreshes on its own.
 */
export function createIo({ coordinated = true } = {}) {
  let inFlight = 0;
  let started = 0;
  let undelivered = 0;
  const lockState = new Map<string, { held: number; waiting: number }>();
  const peers = new Map<string, Set<BroadcastChannel>>();

  const fetchTracked: typeof fetch = async (input, init) => {
    inFlight++;
    started++;
    try {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      inFlight--;
    }
  };

  const request = (name: string, options: LockOptions, callback: LockGrantedCallback<unknown>) => {
    let state = lockState.get(name);
    if (!state) lockState.set(name, (state = { held: 0, waiting: 0 }));
    const entry = state;
    entry.waiting++;
    let granted = false;
    const result = navigator.locks.request(name, options, async (lock) => {
      granted = true;
      entry.waiting--;
      if (lock) entry.held++;
      try {
        return await callback(lock);
      } finally {
        if (lock) entry.held--;
      }
    });
    result.catch(() => {}).finally(() => {
      if (!granted) entry.waiting--; // aborted before the grant
    });
    return result;
  };
  const locksTracked = { request, query: () => navigator.locks.query() } as unknown as LockManager;

  const channel = (name: string) => {
    const real = new BroadcastChannel(name);
    let group = peers.get(name);
    if (!group) peers.set(name, (group = new Set()));
    const others = group;
    others.add(real);
    real.addEventListener('message', () => undelivered--);
    return {
      postMessage(data: unknown) {
        undelivered += others.size - 1;
        real.postMessage(data);
      },
      addEventListener: real.addEventListener.bind(real),
      close() {
        others.delete(real);
        real.close();
      },
    } as Pick<BroadcastChannel, 'postMessage' | 'close' | 'addEventListener'>;
  };

  return {
    fetch: fetchTracked,
    /** Options for createSession: the tracked I/O, or the per-tab baseline's. */
    options: coordinated ? { fetch: fetchTracked, channel, locks: locksTracked } : { fetch: fetchTracked, channel: null, locks: null },
    get inFlight() {
      return inFlight;
    },
    get started() {
      return started;
    },
    /** Real I/O under way: a request, an undelivered broadcast, or a lock request waiting for a grant while nobody holds it. */
    busy() {
      return inFlight > 0 || undelivered > 0 || [...lockState.values()].some((state) => state.waiting > 0 && state.held === 0);
    },
  };
}
export type Io = ReturnType<typeof createIo>;

/** Waits (real time) until no I/O is under way, then lets follow-up microtasks and tasks run. */
export async function settleIo(io: Io, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  do {
    while (io.busy()) {
      if (performance.now() > deadline) throw new Error(`I/O still under way after ${timeoutMs} ms`);
      await sleep(0);
    }
    await hop();
  } while (io.busy());
}

/** Moves virtual time by `ms` and waits for whatever real I/O that started. */
export async function step(clock: VirtualClock, io: Io, ms: number): Promise<void> {
  await clock.advance(ms);
  await settleIo(io);
}

/** True when `promise` settles within a few microtasks, i.e. without waiting for any task (timer, network, message). */
export async function settlesAtOnce(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 8 && !settled; i++) await null;
  return settled;
}

/** Waits for `promise`, moving virtual time in small steps while no request is in flight (a backoff). */
export async function untilSettled<T>(promise: Promise<T>, clock: VirtualClock, io: Io, limitMs = 120_000): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await settleIo(io);
  for (let waited = 0; !settled; waited += 10) {
    if (waited >= limitMs) throw new Error(`still waiting after ${limitMs} virtual ms`);
    await step(clock, io, 10);
  }
  return promise;
}

/** Publishes the page's benchmark entry points for puppeteer's page.evaluate(). */
export function expose(api: Record<string, (...args: never[]) => unknown>): void {
  (globalThis as unknown as { bench: typeof api }).bench = api;
}

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p99: at(0.99), min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

export const START = 1_700_000_000_000;
