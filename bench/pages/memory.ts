// Benchmark 6: connect and remove 10,000 <session-token> elements (from dist/session-token.js) against
// the real endpoint, then count what is left. Heap and event listeners are read by the runner over CDP;
// this page counts what CDP cannot: pending timers and open BroadcastChannels (by wrapping their
// constructors before the library loads), held or queued Web Locks, and the shared-session registry.
import { createElement, loadIife, type SessionTokenLike } from './lib/iife.js';
import { expose, sleep } from './lib/sim.js';

// --- probes, installed before the library loads -------------------------------------------------
const pendingTimers = new Set<number>();
const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout, setInterval: realSetInterval, clearInterval: realClearInterval } = window;
window.setTimeout = ((callback: TimerHandler, ms?: number, ...args: unknown[]) => {
  const id = realSetTimeout(
    (...rest: unknown[]) => {
      pendingTimers.delete(id);
      if (typeof callback === 'function') callback(...rest);
    },
    ms,
    ...args,
  );
  pendingTimers.add(id);
  return id;
}) as typeof window.setTimeout;
window.clearTimeout = ((id?: number) => {
  if (id !== undefined) pendingTimers.delete(id);
  realClearTimeout(id);
}) as typeof window.clearTimeout;
let intervals = 0;
window.setInterval = ((...args: Parameters<typeof realSetInterval>) => {
  intervals++;
  return realSetInterval(...args);
}) as typeof window.setInterval;
window.clearInterval = ((id?: number) => {
  if (id !== undefined) intervals--;
  realClearInterval(id);
}) as typeof window.clearInterval;

let openChannels = 0;
const RealBroadcastChannel = window.BroadcastChannel;
window.BroadcastChannel = class extends RealBroadcastChannel {
  #open = true;
  constructor(name: string) {
    super(name);
    openChannels++;
  }
  override close() {
    if (this.#open) openChannels--;
    this.#open = false;
    super.close();
  }
};

// --- the benchmark ------------------------------------------------------------------------------
const container = document.createElement('div');
document.body.append(container);
let live: SessionTokenLike[] = [];
let sessionsSignedIn = 0;

async function untilSignedIn(elements: SessionTokenLike[], timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  while (!elements.every((element) => element.status === 'signed-in')) {
    if (performance.now() > deadline) {
      const statuses = [...new Set(elements.map((element) => element.status))].join(', ');
      throw new Error(`elements not signed in after ${timeoutMs} ms (statuses: ${statuses})`);
    }
    await sleep(5);
  }
}

/**
 * One batch: `size` elements over `endpoints` endpoints (two elements per endpoint share a session). Every
 * tenth endpoint loses both its elements at once, while its session's first request is in flight (the
 * disposal-in-flight path); the rest are removed once signed in (the disposal-with-timers path).
 */
async function batch(prefix: string, size: number, endpoints: number) {
  const elements = Array.from({ length: size }, (_, i) => createElement(`/token/${prefix}-${i % endpoints}`));
  container.append(...elements);
  const early = elements.filter((_, i) => (i % endpoints) % 10 === 0);
  early.forEach((element) => element.remove());
  const rest = elements.filter((element) => !early.includes(element));
  sessionsSignedIn += new Set(rest.map((element) => element.getAttribute('endpoint'))).size;
  await untilSignedIn(rest);
  rest.forEach((element) => element.remove());
}

expose({
  async load() {
    await loadIife();
  },
  async churn({ elements, prefix, perBatch = 200, endpoints = 100 }: { elements: number; prefix: string; perBatch?: number; endpoints?: number }) {
    sessionsSignedIn = 0;
    for (let done = 0; done < elements; done += perBatch) await batch(prefix, Math.min(perBatch, elements - done), endpoints);
    await sleep(50); // lets aborted requests and lock releases finish
    return { elements, sessionsSignedIn };
  },
  /** Connects one element and waits for its token: shows that the counters see a live session. */
  async connectOne(endpoint: string) {
    const element = createElement(endpoint);
    container.append(element);
    live.push(element);
    await untilSignedIn([element]);
  },
  disconnectAll() {
    live.forEach((element) => element.remove());
    live = [];
  },
  async counts() {
    const locks = await navigator.locks.query();
    const registry = (globalThis as unknown as Record<symbol, Map<unknown, unknown> | undefined>)[Symbol.for('session-token.sessions')];
    return {
      timers: pendingTimers.size + intervals,
      openChannels,
      locks: (locks.held?.length ?? 0) + (locks.pending?.length ?? 0),
      sessions: registry?.size ?? 0,
      elementsInDocument: document.querySelectorAll('session-token').length,
    };
  },
});
