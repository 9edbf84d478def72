// Benchmark 3: an app calls getToken() every 100 ms for 60 virtual minutes with 60 s tokens. A call
// "waited for the network" when its promise did not settle within a few microtasks. Ours (the real core,
// as a lone tab with cross-tab on, as shipped) beside a lazy cache that fetches when its token expires.
import { decodeJwt } from 'jose';
import { createVirtualClock, type Clock } from '../../src/core/clock.js';
import { createSession } from '../../src/core/session.js';
import { benchSignals, createIo, expose, settlesAtOnce, START, step, untilSettled, type Io } from './lib/sim.js';

interface Client {
  getToken(): Promise<string | null>;
  dispose(): void;
}

/** The baseline: a cache that refreshes on demand, when its token has 5 s or less left (no background refresh). */
function lazyCache(endpoint: string, clock: Clock, post: typeof fetch): Client {
  let held: { jws: string; usableUntil: number } | null = null;
  let pending: Promise<string> | null = null;
  const load = async () => {
    try {
      const response = await post(endpoint, { method: 'POST', credentials: 'include', headers: { Accept: 'application/json' } });
      const { jwt } = (await response.json()) as { jwt: string };
      const { exp, iat } = decodeJwt(jwt) as { exp: number; iat: number };
      held = { jws: jwt, usableUntil: clock.now() + (exp - iat) * 1000 - 5_000 };
      return jwt;
    } finally {
      pending = null;
    }
  };
  return {
    getToken: () => (held && clock.now() < held.usableUntil ? Promise.resolve(held.jws) : (pending ??= load())),
    dispose() {},
  };
}

async function drive(make: (clock: Clock, io: Io) => Client, minutes: number, everyMs: number) {
  const clock = createVirtualClock(START);
  const io = createIo();
  const client = make(clock, io);
  const calls = Math.round((minutes * 60_000) / everyMs);
  let waited = 0;
  let failed = 0;
  const waitedAtMinute: number[] = [];
  try {
    for (let i = 0; i < calls; i++) {
      const call = client.getToken();
      call.catch(() => failed++);
      if (!(await settlesAtOnce(call))) {
        waited++;
        if (waitedAtMinute.length < 5) waitedAtMinute.push((clock.now() - START) / 60_000);
        await untilSettled(call, clock, io).catch(() => {});
      }
      await step(clock, io, everyMs);
    }
  } finally {
    client.dispose();
  }
  return { calls, waited, failed, requests: io.started, firstWaitsAtMinute: waitedAtMinute };
}

expose({
  async run({ ours, baseline, minutes = 60, everyMs = 100 }: { ours: string; baseline: string; minutes?: number; everyMs?: number }) {
    return {
      ours: await drive((clock, io) => createSession({ endpoint: ours, clock, signals: benchSignals(), ...io.options }), minutes, everyMs),
      baseline: await drive((clock, io) => lazyCache(baseline, clock, io.fetch), minutes, everyMs),
    };
  },
});
