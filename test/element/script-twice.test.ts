import { expect } from '@open-wc/testing';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

// Issue 18 point 8: two copies of dist/session-token.js on one page (a CMS block and the site's layout
// both include it), both with the same data-endpoint, make one session and one event per change on
// `document`, not two.

type Seen = { type: string; source?: string; status?: string };
type Win = Window & typeof globalThis & { seen: Seen[] };

describe('dist/session-token.js loaded twice', () => {
  it('makes one session and dispatches one event per change on document', async () => {
    const endpoint = createEndpoint();
    const frame = document.createElement('iframe');
    const record = `<script>window.seen = []; for (const type of ['tokenupdate', 'statuschange', 'tokenerror', 'signedout']) document.addEventListener(type, (e) => seen.push({ type, ...e.detail, token: undefined, error: undefined }));</script>`;
    const tag = `<script src="/dist/session-token.js" data-endpoint="${endpoint.url}"></script>`;
    frame.srcdoc = `<!doctype html>${record}${tag}<p>a CMS block</p>${tag}`;
    document.body.append(frame);
    const win = () => frame.contentWindow as Win;
    await eventually(() => win()?.seen?.some((event) => event.type === 'tokenupdate'), 'the first token');

    await win().SessionToken.getToken({ skipCache: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(win().seen.map(({ type, source, status }) => `${type}:${source ?? status}`)).to.deep.equal(['tokenupdate:fetch', 'statuschange:signed-in', 'tokenupdate:fetch']);
    expect((await endpoint.stats()).requests).to.equal(2);
    frame.remove();
  });
});
