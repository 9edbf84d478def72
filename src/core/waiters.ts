import type { Clock, TimerId } from './clock.js';
import type { SessionTokenError } from './errors.js';

interface Waiter {
  resolve(value: string | null): void;
  reject(error: SessionTokenError): void;
  timer?: TimerId;
}

/** Callers waiting for the outcome of a refresh, each with its own timeout; settled all at once. */
export function createWaiters(clock: Clock) {
  const waiting = new Set<Waiter>();
  const settle = (each: (waiter: Waiter) => void) => {
    const settled = [...waiting];
    waiting.clear();
    settled.forEach((waiter) => (clock.clearTimeout(waiter.timer), each(waiter)));
  };
  return {
    get size() {
      return waiting.size;
    },
    /** Waits for resolve()/reject(), or rejects with `onTimeout()` after `timeoutMs` (Infinity: as long as it takes). */
    wait(timeoutMs: number, onTimeout: () => SessionTokenError): Promise<string | null> {
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { resolve, reject };
        if (timeoutMs < Infinity) waiter.timer = clock.setTimeout(() => (waiting.delete(waiter), reject(onTimeout())), timeoutMs);
        waiting.add(waiter);
      });
    },
    resolve: (value: string | null) => settle((waiter) => waiter.resolve(value)),
    reject: (error: SessionTokenError) => settle((waiter) => waiter.reject(error)),
  };
}
