// Drives a real session against the real token-server plugin, on a virtual clock.
import { createVirtualClock, type VirtualClock } from '../../src/core/clock.js';
import type { CookieJar } from '../../src/core/cookie.js';
import type { SessionEventMap } from '../../src/core/events.js';
import { createSession, type Session, type SessionOptions } from '../../src/core/session.js';
import { type BrowserSignals, type Trigger } from '../../src/core/signals.js';
import { createEndpoint, type Endpoint, type Step } from './endpoint.js';

/** Connectivity and visibility the test controls, instead of the page's own. */
export interface TestSignals extends BrowserSignals {
  setOnline(online: boolean): void;
  setVisible(visible: boolean): void;
  emit(trigger: Trigger): void;
}

export function createTestSignals(): TestSignals {
  let online = true;
  let visible = true;
  const listeners = new Set<(trigger: Trigger) => void>();
  const signals: TestSignals = {
    isOnline: () => online,
    isVisible: () => visible,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (trigger) => listeners.forEach((listener) => listener(trigger)),
    setOnline(next) {
      online = next;
      signals.emit(next ? 'online' : 'offline');
    },
    setVisible(next) {
      visible = next;
      if (next) signals.emit('visible');
    },
  };
  return signals;
}

/** A cookie jar that remembers what was written, so tests can assert it was never removed. */
export function createTestCookies() {
  const writes: Array<{ name: string; value: string; maxAge: number } | { name: string; removed: true }> = [];
  const values = new Map<string, string>();
  const jar: CookieJar & { writes: typeof writes; values: typeof values } = {
    writes,
    values,
    write(name, value, maxAge) {
      writes.push({ name, value, maxAge });
      values.set(name, value);
    },
    remove(name) {
      writes.push({ name, removed: true });
      values.delete(name);
    },
    read: (name) => (values.has(name) ? [values.get(name)!] : []),
  };
  return jar;
}

/**
 * The real fetch, with a gate in front of its responses: while the gate is held, a response that came
 * back waits there, so a request stays in flight for exactly as long as a test needs, in virtual time and
 * no real time. An abort still ends the wait (as it would end a real request).
 */
export function createGate() {
  let held = false;
  const waiting = new Set<() => void>();
  return {
    hold: () => void (held = true),
    release() {
      held = false;
      waiting.forEach((go) => go());
      waiting.clear();
    },
    fetch: (async (input, init) => {
      const response = await fetch(input, init);
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (held) {
        await new Promise<void>((resolve, reject) => {
          waiting.add(resolve);
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      }
      return response;
    }) as typeof fetch,
  };
}

export type Recorded = { [K in keyof SessionEventMap]: { type: K; detail: SessionEventMap[K]['detail']; at: number } }[keyof SessionEventMap];

export interface Harness {
  session: Session;
  clock: VirtualClock;
  endpoint: Endpoint;
  signals: TestSignals;
  cookies: ReturnType<typeof createTestCookies>;
  /** Holds responses in flight (h.gate.hold(), h.gate.release()). */
  gate: ReturnType<typeof createGate>;
  events: Recorded[];
  of<K extends keyof SessionEventMap>(type: K): Array<Extract<Recorded, { type: K }>>;
  requests(): Promise<number>;
}

/**
 * A session on a fresh endpoint and a virtual clock. `steps` are scripted before the session starts
 * (its first request takes the first step). Cross-tab is off unless `options` turn it on; `shared`
 * lets several sessions ("tabs") use one endpoint and one clock.
 */
export async function startSession(
  steps: Step[] = [],
  options: Partial<SessionOptions> = {},
  shared: { endpoint?: Endpoint; clock?: VirtualClock; signals?: TestSignals; cookies?: ReturnType<typeof createTestCookies> } = {},
): Promise<Harness> {
  const endpoint = shared.endpoint ?? createEndpoint();
  if (steps.length) await endpoint.script(steps);
  const clock = shared.clock ?? createVirtualClock(1_700_000_000_000);
  const signals = shared.signals ?? createTestSignals();
  const cookies = shared.cookies ?? createTestCookies();
  const gate = createGate();
  const events: Recorded[] = [];
  const session = createSession({
    endpoint: endpoint.url,
    fetch: gate.fetch,
    clock,
    signals,
    cookies,
    channel: null,
    locks: null,
    cookieName: 'session',
    // The bottom of every random range: refreshes exactly when a token turns stale, quick retries at ¾ of the schedule.
    random: () => 0,
    ...options,
  });
  for (const type of ['tokenupdate', 'tokenerror', 'signedout', 'statuschange'] as const) {
    session.addEventListener(type, (event) => events.push({ type, detail: event.detail, at: clock.now() } as Recorded));
  }
  after(session);
  return {
    session,
    clock,
    endpoint,
    signals,
    cookies,
    gate,
    events,
    of: (type) => events.filter((event) => event.type === type) as never,
    requests: async () => (await endpoint.stats()).requests,
  };
}

const open = new Set<Session>();
function after(session: Session) {
  open.add(session);
}
/** Disposes every session a test started (call from afterEach). */
export function disposeAll() {
  open.forEach((session) => session.dispose());
  open.clear();
}

/** Waits (in real time: network I/O is real) until `predicate` holds. */
export async function eventually(predicate: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 4_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await predicate())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until the session has emitted `count` events of `type`. */
export function untilEvents(h: Harness, type: keyof SessionEventMap, count = 1) {
  return eventually(() => h.of(type).length >= count, `${count} × ${type}`);
}

/** Waits until the server has seen `count` requests. */
export function untilRequests(h: Harness, count: number) {
  return eventually(async () => (await h.requests()) >= count, `${count} request(s)`);
}
