import { expect } from '@open-wc/testing';
import type { VirtualClock } from '../../src/core/clock.js';
import type { Step } from '../helpers/endpoint.js';
import { disposeAll, eventually, startSession, type Harness } from '../helpers/harness.js';

// Six virtual hours of a seeded random mix of faults against the real endpoint, with the invariants
// that make a random sign-out impossible checked after every step. A failure prints its seed; replay it
// with `?seed=` … or by editing SEED below.
const SEED = Number(new URLSearchParams(location.search).get('seed') ?? 20261123);
const HOURS = 6;
const STEP_MS = 15_000;

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A real fetch whose response the virtual clock holds back for `slowMs`: a slow server in virtual time.
 * It also counts requests the session has in flight, from the session's side.
 */
function slowFetch(clock: VirtualClock) {
  const state = { slowMs: 0, inFlight: 0, maxInFlight: 0, onTheWire: 0 };
  const fetchWithDelay: typeof fetch = async (input, init) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      state.onTheWire++; // real network time, which the virtual clock does not see
      const [response, body] = await fetch(input, init)
        .then(async (response) => [response, await response.text().catch(() => null)] as const)
        .finally(() => state.onTheWire--);
      if (state.slowMs > 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = clock.setTimeout(resolve, state.slowMs);
          init?.signal?.addEventListener('abort', () => (clock.clearTimeout(timer), reject(init.signal!.reason)), { once: true });
        });
      }
      if (body === null) throw new TypeError('Failed to fetch'); // the real body read failed: pass it on
      return new Response(body, { status: response.status, headers: response.headers });
    } finally {
      state.inFlight--;
    }
  };
  return { fetch: fetchWithDelay, state };
}

describe('chaos', () => {
  afterEach(disposeAll);

  it(`survives ${HOURS} virtual hours of 500s, slow responses, offline flaps, iat skew and focus changes`, async function () {
    this.timeout(90_000);
    const random = mulberry32(SEED);
    const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];
    let h: Harness | undefined;
    const faults = { '500': 0, slow: 0, offline: 0, skew: 0, focus: 0, calls: 0 };
    let checks = 0;
    const callerFailures: string[] = [];
    let step = 0;
    try {
      const endpoint = (await import('../helpers/endpoint.js')).createEndpoint();
      const clock = (await import('../../src/core/clock.js')).createVirtualClock(1_700_000_000_000);
      const slow = slowFetch(clock);
      h = await startSession([], { fetch: slow.fetch, random }, { endpoint, clock });
      await eventually(() => h!.of('tokenupdate').length === 1, 'the first token');

      let serverDefault: Step = {};
      let offline = false;
      const setServer = (next: Step) => endpoint.setDefault((serverDefault = next));

      const checkInvariants = () => {
        checks++;
        for (const { detail, at } of h!.of('tokenupdate')) {
          expect(detail.token, 'tokenupdate carries a token').to.be.a('string').and.not.equal('');
          expect(detail.expiresAt - at, 'tokenupdate carries an unexpired token').to.be.greaterThan(5_000);
        }
        expect(h!.of('signedout'), 'no sign-out').to.have.length(0);
        expect(h!.cookies.writes.filter((write) => 'removed' in write), 'no cookie removal').to.have.length(0);
        expect(slow.state.maxInFlight, 'never two requests in flight').to.be.at.most(1);
        expect(callerFailures, 'getToken resolves a token or rejects with a transient code').to.deep.equal([]);
        const held = h!.session.token;
        if (held !== null) expect(h!.session.expiresAt! - clock.now(), 'a held token is usable').to.be.greaterThan(5_000);
      };

      const steps = (HOURS * 3_600_000) / STEP_MS;
      for (step = 0; step < steps; step++) {
        const roll = random();
        if (roll < 0.06) {
          faults['500']++;
          await setServer({ ...serverDefault, status: pick([500, 502, 503]) });
        } else if (roll < 0.12) {
          await setServer({ iatOffset: serverDefault.iatOffset }); // healthy again
        } else if (roll < 0.16) {
          faults.slow++;
          slow.state.slowMs = Math.floor(random() * 30_000);
        } else if (roll < 0.2) {
          slow.state.slowMs = 0;
        } else if (roll < 0.24 && !offline) {
          faults.offline++;
          offline = true;
          await endpoint.setDefault({ drop: true });
          h.signals.setOnline(false);
        } else if (roll < 0.3 && offline) {
          offline = false;
          await endpoint.setDefault(serverDefault);
          h.signals.setOnline(true);
        } else if (roll < 0.33) {
          faults.skew++;
          await setServer({ ...serverDefault, iatOffset: pick([-3600, 3600, 0]) });
        } else if (roll < 0.43) {
          faults.focus++;
          const visible = random() < 0.7;
          h.signals.setVisible(visible);
          if (visible) h.signals.emit('focus');
        } else if (roll < 0.6) {
          faults.calls++;
          h.session.getToken().then(
            (token) => typeof token === 'string' && token !== '' || callerFailures.push(`resolved ${token}`),
            (error) => ['offline', 'server', 'network', 'invalid-token', 'timeout'].includes(error.code) || callerFailures.push(`rejected ${error.code}`),
          );
        }
        await clock.advance(STEP_MS);
        await eventually(async () => (await endpoint.stats()).inFlight === 0, 'the server to settle');
        checkInvariants();
      }

      // After the last fault: healthy server, online, focused. A valid token within one refresh.
      slow.state.slowMs = 0;
      await setServer({});
      if (offline) h.signals.setOnline(true);
      h.signals.setVisible(true);
      h.signals.emit('focus');
      // Focus ends any backoff wait or cool-down: the next attempt is at once.
      const recoveredAt = clock.now();
      // Virtual time moves only while no request is on the wire: how long a real request takes depends on the engine.
      await eventually(async () => {
        if (slow.state.onTheWire === 0) await clock.advance(1_000);
        return h!.session.token !== null;
      }, 'a valid token after the last fault');
      expect(clock.now() - recoveredAt, 'recovery time').to.be.at.most(51_000);
      checkInvariants();
      console.log(`chaos seed ${SEED}: ${steps} steps of ${STEP_MS / 1000} s, ${checks} invariant checks, faults ${JSON.stringify(faults)}, ` +
        `${(await endpoint.stats()).requests} requests, ${h.of('tokenupdate').length} tokens, ${h.of('tokenerror').length} tokenerrors`);
    } catch (error) {
      (error as Error).message = `[chaos seed ${SEED}, step ${step}] ${(error as Error).message}`;
      throw error;
    }
  });
});
