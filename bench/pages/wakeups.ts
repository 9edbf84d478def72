// Benchmark 5: timer callbacks per minute per tab on an idle page (no getToken() calls) holding a fresh
// 60 s token, counted by the virtual clock over 10 virtual minutes. Ours beside a fixed 5 s poller on
// its own virtual clock, doing the same job (refresh when 15 s or less are left).
import { decodeJwt } from 'jose';
import { createVirtualClock, type Clock, type VirtualClock } from '../../src/core/clock.js';
import { createSession } from '../../src/core/session.js';
import { benchSignals, createIo, expose, START, step, type Io } from './lib/sim.js';

const STEP_MS = 100;

/** The baseline: checks every 5 s (the next check is set after the previous one settles). */
function fixedPoller(endpoint: string, clock: Clock, post: typeof fetch, everyMs = 5_000) {
  let staleAt = -Infinity;
  let timer: unknown;
  let stopped = false;
  const check = async () => {
    try {
      if (clock.now() >= staleAt) {
        const response = await post(endpoint, { method: 'POST', credentials: 'include', headers: { Accept: 'application/json' } });
        const { jwt } = (await response.json()) as { jwt: string };
        const { exp, iat } = decodeJwt(jwt) as { exp: number; iat: number };
        staleAt = clock.now() + (exp - iat) * 1000 - 15_000;
      }
    } finally {
      if (!stopped) timer = clock.setTimeout(check, everyMs);
    }
  };
  void check();
  return {
    hasToken: () => clock.now() < staleAt,
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
    },
  };
}

async function measure(clock: VirtualClock, io: Io, ready: () => boolean, minutes: number) {
  for (let waited = 0; !ready(); waited += 10) {
    if (waited > 60_000) throw new Error('no token after 60 virtual seconds');
    await step(clock, io, 10);
  }
  const before = clock.firedTimers;
  for (let t = 0; t < minutes * 60_000; t += STEP_MS) await step(clock, io, STEP_MS);
  return clock.firedTimers - before;
}

expose({
  async run({ ours, baseline, tabs, minutes = 10 }: { ours: string; baseline: string; tabs: number; minutes?: number }) {
    const oursClock = createVirtualClock(START);
    const oursIo = createIo();
    const sessions = Array.from({ length: tabs }, () => createSession({ endpoint: ours, clock: oursClock, signals: benchSignals(), ...oursIo.options }));
    let oursFired: number;
    try {
      oursFired = await measure(oursClock, oursIo, () => sessions.every((session) => session.token !== null), minutes);
    } finally {
      sessions.forEach((session) => session.dispose());
    }

    const pollerClock = createVirtualClock(START);
    const pollerIo = createIo();
    const pollers = Array.from({ length: tabs }, () => fixedPoller(baseline, pollerClock, pollerIo.fetch));
    let pollerFired: number;
    try {
      pollerFired = await measure(pollerClock, pollerIo, () => pollers.every((poller) => poller.hasToken()), minutes);
    } finally {
      pollers.forEach((poller) => poller.stop());
    }
    return {
      minutes,
      ours: { fired: oursFired, perTabPerMinute: oursFired / tabs / minutes, requests: oursIo.started },
      baseline: { fired: pollerFired, perTabPerMinute: pollerFired / tabs / minutes, requests: pollerIo.started },
    };
  },
});
