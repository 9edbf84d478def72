import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenError } from '../../src/core/errors.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { firstEvent } from '../helpers/events.js';

// <session-token> against token endpoints behind real CSRF checks (test/interop/csrf.mjs): csrf-csrf's
// double-submit cookie as Django does it, and csrf-sync's per-session token in a meta tag as Rails and
// Laravel do it. Each test's endpoint carries a run id of its own, under which the server logs what it saw.

interface Seen {
  csrf: string | null;
  status: number;
}
const newRun = () => crypto.randomUUID();
const seenBy = async (run: string): Promise<Seen[]> => (await fetch(`/csrf-cookie/log?run=${run}`, { cache: 'no-store' })).json();
const cookie = (name: string) => document.cookie.split('; ').find((pair) => pair.startsWith(`${name}=`))?.slice(name.length + 1);
const post = (path: string, headers: Record<string, string>) => fetch(path, { method: 'POST', headers });

describe('CSRF double-submit cookie (Django style)', () => {
  before(async () => {
    await fetch('/csrf-cookie/ensure'); // the page view that sets `csrftoken`
  });
  after(() => {
    document.cookie = 'csrftoken=; Path=/; Max-Age=0';
  });

  it('signs in with csrf-header="X-CSRFToken" csrf-cookie="csrftoken"', async () => {
    const run = newRun();
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="/csrf-cookie/token?run=${run}" csrf-header="X-CSRFToken" csrf-cookie="csrftoken"></session-token>`);
    await firstEvent(el, 'tokenupdate');
    expect(el.getAttribute('status')).to.equal('signed-in');
    expect(await seenBy(run)).to.deep.equal([{ csrf: cookie('csrftoken'), status: 200 }]);
  });

  it('without csrf-header, reports the 403 as refused naming csrf-header, and does not sign out', async () => {
    const run = newRun();
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="/csrf-cookie/token?run=${run}"></session-token>`);
    const { detail } = await firstEvent(el, 'tokenerror');
    expect([detail.error.code, detail.error.status, detail.willRetry]).to.deep.equal(['refused', 403, false]);
    expect(detail.error.message).to.contain('csrf-header');
    expect(el.getAttribute('status')).to.equal('error');
    expect(((await el.getToken().catch((e: SessionTokenError) => e)) as SessionTokenError).code).to.equal('refused');
    expect(await seenBy(run)).to.deep.equal([{ csrf: null, status: 403 }]);
  });

  it('sends the rotated cookie on the next refresh, so refreshes before and after a rotation succeed', async () => {
    const run = newRun();
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="/csrf-cookie/token?run=${run}" csrf-header="X-CSRFToken" csrf-cookie="csrftoken"></session-token>`);
    await firstEvent(el, 'tokenupdate');
    const before = cookie('csrftoken')!;
    expect((await post('/csrf-cookie/rotate', { 'X-CSRFToken': before })).status).to.equal(204);
    const after = cookie('csrftoken')!;
    expect(after).to.not.equal(before);
    expect(await el.refresh()).to.be.a('string');
    expect(await seenBy(run)).to.deep.equal([{ csrf: before, status: 200 }, { csrf: after, status: 200 }]);
    // A value kept from before the rotation would have been refused.
    expect((await post(`/csrf-cookie/token?run=${newRun()}`, { 'X-CSRFToken': before })).status).to.equal(403);
  });
});

describe('CSRF token in a meta tag (Rails and Laravel style)', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  /** The server-rendered page (meta tag, one-file script, element) in a frame; its element once signed in. */
  async function openPage(run: string) {
    const frame = document.createElement('iframe');
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = `/csrf-meta/page?run=${run}`;
    document.body.append(frame);
    frames.push(frame);
    await loaded;
    const page = frame.contentDocument!;
    const el = page.querySelector('session-token')!;
    await el.getToken();
    return { el, meta: page.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')! };
  }

  it('signs in with csrf-header="X-CSRF-Token" csrf-meta="csrf-token"', async () => {
    const run = newRun();
    const { el, meta } = await openPage(run);
    expect(el.getAttribute('status')).to.equal('signed-in');
    expect(await seenBy(run)).to.deep.equal([{ csrf: meta.content, status: 200 }]);
  });

  it('sends the new token once the page updates its meta tag after a rotation, as Turbo does', async () => {
    const run = newRun();
    const { el, meta } = await openPage(run);
    const before = meta.content;
    expect((await post('/csrf-meta/rotate', { 'X-CSRF-Token': before })).status).to.equal(204);
    // Turbo Drive merges the next page's <head>: its meta tag carries the session's new token.
    const next = new DOMParser().parseFromString(await (await fetch(`/csrf-meta/page?run=${run}`)).text(), 'text/html');
    meta.content = next.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
    expect(meta.content).to.not.equal(before);
    expect(await el.refresh()).to.be.a('string');
    expect(await seenBy(run)).to.deep.equal([{ csrf: before, status: 200 }, { csrf: meta.content, status: 200 }]);
  });
});
