// Benchmark 4: N "tabs" (sessions of one endpoint in one page, sharing one virtual clock; BroadcastChannel
// delivers between channel objects of one page and Web Locks are per origin) over 10 token lifetimes.
// Ours (channel and locks on) beside per-tab refreshers (no channel, no lock: see createIo()).
import { createVirtualClock } from '../../src/core/clock.js';
import { createSession, type Session } from '../../src/core/session.js';
import { benchSignals, createIo, expose, START, step } from './lib/sim.js';

/** 60 s tokens turn stale 45 s after they arrive (default refresh-threshold 15 s); the poller replaces them at a point drawn between 45 and 50 s: 47.5 s on average. */
const CYCLE_MS = 47_500;
const STEP_MS = 100;

expose({
  async run({ endpoint, tabs, coordinated, cycles = 10 }: { endpoint: string; tabs: number; coordinated: boolean; cycles?: number }) {
    const clock = createVirtualClock(START);
    const io = createIo({ coordinated });
    const sessions: Session[] = [];
    const updates = new Array<number>(tabs).fill(0);
    const errors: string[] = [];
    for (let i = 0; i < tabs; i++) {
      const session = createSession({
        endpoint,
        clock,
        signals: benchSignals(),
        ...io.options,
      });
      session.addEventListener('tokenupdate', () => updates[i]++);
      session.addEventListener('tokenerror', (event) => errors.push(`${event.detail.error.code}: ${event.detail.error.message}`));
      sessions.push(session);
    }
    // The initial token, then `cycles` refreshes; 20 s of slack so the last one is in and the next is not.
    const spanMs = cycles * CYCLE_MS + 20_000;
    let tabStepsWithoutToken = 0;
    let opening = 0;
    const gaps: string[] = [];
    try {
      for (let t = 0; t < spanMs; t += STEP_MS) {
        await step(clock, io, STEP_MS);
        // Tabs opened in the same instant each have no token: counted apart from the refreshes they then share.
        if (t === 1_000) opening = (await (await fetch(`/__stats/${endpoint.split('/').pop()}`)).json()).requests;
        const without = sessions.filter((session) => session.token === null).length;
        if (t >= 1_000 && without) {
          tabStepsWithoutToken += without;
          if (gaps.length < 5) gaps.push(`${without} at ${((t + STEP_MS) / 1000).toFixed(1)} s`);
        }
      }
    } finally {
      sessions.forEach((session) => session.dispose());
    }
    return { lifetimes: cycles, opening, virtualSeconds: spanMs / 1000, tabStepsWithoutToken, gaps, errors: errors.length, firstError: errors[0] ?? null, updatesPerTab: { min: Math.min(...updates), max: Math.max(...updates) } };
  },
});
