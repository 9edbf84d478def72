import { expect } from '@open-wc/testing';
import type { SessionTokenError } from '../../src/core/errors.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, startSession, untilEvents, untilRequests } from '../helpers/harness.js';

// Issue 11: getToken() rides out trouble. A caller with no usable token waits through the library's own
// retries (quick retries here at ¾ of 3 s, 4.65 s, 7.2 s: the harness draws the bottom of each range).
describe('callers ride out trouble', () => {
  afterEach(disposeAll);

  it('a caller survives 503, 502, then 200', async () => {
    const h = await startSession([{ status: 503 }, { status: 502 }]);
    const token = h.session.getToken();
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(2_250);
    await untilEvents(h, 'tokenerror', 2);
    await h.clock.advance(3_488);
    expect(await token).to.equal(h.of('tokenupdate')[0].detail.token);
    expect(h.of('tokenerror').map((event) => event.detail.error.status)).to.deep.equal([503, 502]);
  });

  it('a caller waits through a Retry-After the endpoint asked for', async () => {
    const h = await startSession([{ status: 429, retryAfter: '7' }]);
    const token = h.session.getToken();
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(7_000);
    expect(await token).to.be.a('string');
    expect(await h.requests()).to.equal(2);
  });

  it('getToken({ timeout }) rejects with the last failure when no token comes in time', async () => {
    const endpoint = createEndpoint();
    await endpoint.setDefault({ status: 500 });
    const h = await startSession([], {}, { endpoint });
    const failed = h.session.getToken({ timeout: 4_000 }).catch((error: SessionTokenError) => error);
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(4_000);
    const error = (await failed) as SessionTokenError;
    expect([error.code, error.status]).to.deep.equal(['server', 500]);
  });

  it('rejects with code timeout when not even a failure came in time', async () => {
    const h = await startSession();
    h.gate.hold();
    await untilRequests(h, 1);
    const failed = h.session.getToken({ timeout: 1_000 }).catch((error: SessionTokenError) => error);
    await h.clock.advance(1_000);
    expect(((await failed) as SessionTokenError).code).to.equal('timeout');
    h.gate.release();
  });

  it('status stays out of error during a short blip, and says error once failures last the default timeout', async () => {
    const blip = await startSession([{ status: 500 }]);
    await untilEvents(blip, 'tokenerror');
    expect(blip.session.status).to.equal('loading');
    await blip.clock.advance(2_250);
    await untilEvents(blip, 'tokenupdate');
    expect(blip.of('statuschange').map((event) => event.detail.status)).to.deep.equal(['signed-in']);

    const endpoint = createEndpoint();
    await endpoint.setDefault({ status: 500 });
    const outage = await startSession([], {}, { endpoint });
    await untilEvents(outage, 'tokenerror');
    await outage.clock.advance(9_999);
    expect(outage.session.status).to.equal('loading');
    await outage.clock.advance(1);
    expect(outage.session.status).to.equal('error');
    expect(outage.of('statuschange').map((event) => event.detail.status)).to.deep.equal(['error']);
  });

  it('a broadcast that throws costs this tab nothing', async () => {
    const broken = () => ({ postMessage: () => { throw new DOMException('closed', 'InvalidStateError'); }, close() {}, addEventListener() {} });
    const h = await startSession([], { channel: broken });
    await untilEvents(h, 'tokenupdate');
    await h.session.refresh();
    expect(h.of('tokenerror')).to.have.length(0);
    expect(h.of('tokenupdate')).to.have.length(2);
    expect(await h.requests()).to.equal(2);
  });
});
