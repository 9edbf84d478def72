// Benchmark 2: `await el.getToken()` on a real <session-token> (from dist/session-token.js) holding a
// fresh token from the real endpoint, beside `await Promise.resolve(token)` as the floor. Timed in
// batches (performance.now() ticks in 5 µs on this cross-origin-isolated page); samples alternate, so
// drift (JIT, GC, CPU frequency) falls on all alike. A second reference adds the one clock read that a
// cache hit cannot skip (the token's age must be checked on every call): `Date.now()`.
import { createElement, loadIife } from './lib/iife.js';
import { expose, summarize } from './lib/sim.js';

expose({
  async run({ endpoint, batch = 5_000, samples = 500, warmup = 20 }: { endpoint: string; batch?: number; samples?: number; warmup?: number }) {
    await loadIife();
    const element = createElement(endpoint);
    document.body.append(element);
    const token = await element.getToken();
    if (!token) throw new Error('no token from the endpoint');

    let last: string | null = null;
    const ours = async () => {
      const start = performance.now();
      for (let i = 0; i < batch; i++) last = await element.getToken();
      return ((performance.now() - start) / batch) * 1e6; // ns per call
    };
    const floor = async () => {
      const start = performance.now();
      for (let i = 0; i < batch; i++) last = await Promise.resolve(token);
      return ((performance.now() - start) / batch) * 1e6;
    };

    const floorWithClock = async () => {
      const start = performance.now();
      for (let i = 0; i < batch; i++) last = await Promise.resolve(Date.now() > 0 ? token : null);
      return ((performance.now() - start) / batch) * 1e6;
    };

    const variants = [ours, floor, floorWithClock];
    const ns: number[][] = variants.map(() => []);
    for (let i = 0; i < warmup; i++) for (const variant of variants) await variant();
    for (let i = 0; i < samples; i++) {
      for (let k = 0; k < variants.length; k++) {
        const index = (i + k) % variants.length; // rotate the order
        ns[index].push(await variants[index]());
      }
    }
    const sameToken = (await element.getToken()) === token && last === token;
    element.remove();
    return {
      isolated: crossOriginIsolated,
      calls: batch * samples,
      batch,
      sameToken,
      ours: summarize(ns[0]),
      floor: summarize(ns[1]),
      floorWithClock: summarize(ns[2]),
    };
  },
});
