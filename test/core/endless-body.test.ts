import { expect } from '@open-wc/testing';
import { disposeAll, startSession, untilEvents } from '../helpers/harness.js';

describe('a body that never ends', () => {
  afterEach(disposeAll);

  it('is read no further than 64 KB: invalid-token at once, not a page busy reading for ever', async () => {
    let pulled = 0;
    const endless = () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            pulled += 16_384;
            controller.enqueue(new Uint8Array(16_384).fill(0x61));
          },
        }),
        { headers: { 'Content-Type': 'application/json' } },
      );
    const h = await startSession([], { fetch: async () => endless() });
    await untilEvents(h, 'tokenerror'); // the virtual clock never moves: no request timeout ends it
    const { error } = h.of('tokenerror')[0].detail;
    expect(error.code).to.equal('invalid-token');
    expect(error.message).to.contain('64 KB');
    expect(pulled).to.be.below(200_000);
    expect(h.of('tokenupdate')).to.have.length(0);
  });
});
