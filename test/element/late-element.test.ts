import { expect } from '@open-wc/testing';
import { createEndpoint } from '../helpers/endpoint.js';

// Issue 18 point 9: SessionToken.getToken() with no data-endpoint uses the first <session-token>,
// waiting (within its timeout) for one that a framework connects after DOMContentLoaded. Each test runs
// the one-file bundle in a page of its own (an iframe), as a user's page would.

type Win = Window & typeof globalThis;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pageWithBundle(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.srcdoc = '<!doctype html><body><script src="/dist/session-token.js"></script></body>';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

describe('SessionToken.getToken() and a late <session-token>', () => {
  it('waits for an element a framework connects after DOMContentLoaded, and for the endpoint it sets after that', async () => {
    const endpoint = createEndpoint();
    const frame = await pageWithBundle();
    const win = frame.contentWindow as Win;
    expect(win.document.readyState).to.equal('complete');
    const pending = win.SessionToken.getToken().then((token) => ({ token }), (error) => ({ error }));
    await sleep(200);
    const el = win.document.createElement('session-token');
    win.document.body.append(el);
    await sleep(200);
    el.setAttribute('endpoint', endpoint.url);
    const outcome = await pending;
    expect(outcome).to.have.property('token').that.is.a('string');
    expect((outcome as { token: string }).token).to.equal(el.token);
    frame.remove();
  });

  it('rejects with invalid-config when no element comes within the timeout, not before', async () => {
    const frame = await pageWithBundle();
    const win = frame.contentWindow as Win;
    const started = performance.now();
    const error = await win.SessionToken.getToken({ timeout: 400 }).then(() => null, (e: { code: string }) => e);
    expect(performance.now() - started).to.be.at.least(350);
    expect(error?.code).to.equal('invalid-config');
    frame.remove();
  });
});
