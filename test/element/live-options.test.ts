import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import type { Clock } from '../../src/core/clock.js';
import { createSession } from '../../src/core/session.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

/** Every statuschange on `el`, with what the property and the attribute said inside the listener. */
function statusesOf(el: SessionTokenElement): string[] {
  const seen: string[] = [];
  el.addEventListener('statuschange', (event) => seen.push(`${event.detail.status}/${el.status}/${el.getAttribute('status')}`));
  return seen;
}
const cookie = (name: string) => document.cookie.split('; ').find((pair) => pair.startsWith(`${name}=`))?.slice(name.length + 1);

// Issue 12: every attribute or property change takes effect, before or after connection, and every
// status change the element makes is announced, with the property and attribute already holding it.
describe('<session-token> live options', () => {
  it('takes an endpoint set right after it was connected, announcing each status it moves through', async () => {
    const endpoint = createEndpoint();
    const el = document.createElement('session-token');
    const statuses = statusesOf(el);
    document.body.append(el);
    el.endpoint = endpoint.url;
    await eventually(() => el.status === 'signed-in', 'signed in');
    // `loading` with no endpoint (issue 18: no spurious invalid-config error), then signed in.
    expect(statuses).to.deep.equal(['signed-in/signed-in/signed-in']);
    el.remove();
  });

  it('announces the status a new endpoint moves through, and keeps property and attribute in step', async () => {
    const [first, second] = [createEndpoint(), createEndpoint()];
    await second.script([{ delayMs: 300 }, { status: 401 }]);
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${first.url}"></session-token>`);
    await eventually(() => el.status === 'signed-in', 'signed in at the first endpoint');
    const statuses = statusesOf(el);
    el.endpoint = second.url;
    await eventually(() => el.status === 'signed-in' && statuses.length === 2, 'signed in at the second endpoint');
    expect(await el.refresh()).to.equal(null);
    expect(statuses).to.deep.equal(['loading/loading/loading', 'signed-in/signed-in/signed-in', 'signed-out/signed-out/signed-out']);
  });

  it('starts mirroring the token when cookie-name is set on a live element', async () => {
    const endpoint = createEndpoint();
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}"></session-token>`);
    await eventually(() => el.token !== null, 'a token');
    el.cookieName = 'st_live';
    await eventually(() => cookie('st_live') !== undefined, 'the cookie');
    expect(cookie('st_live')).to.equal(el.token);
    el.remove();
    document.cookie = 'st_live=; Path=/; Max-Age=0';
    document.cookie = 'st_live-at=; Path=/; Max-Age=0';
  });

  it('uses a refresh-threshold changed on a live element', async () => {
    // A token a previous page of the site received 48 s ago (its session ran on a clock 48 s behind) and
    // mirrored: 12 of its 60 s are left, fresh with refresh-threshold 5 and stale with 20.
    const endpoint = createEndpoint();
    const behind: Clock = { now: () => Date.now() - 48_000, setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (id) => clearTimeout(id as number) };
    const previous = createSession({ endpoint: endpoint.url, cookieName: 'st_threshold', clock: behind, channel: null, locks: null });
    const mirrored = await previous.getToken();
    previous.dispose();
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}" cookie-name="st_threshold" refresh-threshold="5"></session-token>`);
    expect(el.token).to.equal(mirrored);
    expect((await endpoint.stats()).requests, 'fresh: no refresh').to.equal(1);
    el.refreshThreshold = 20;
    // Stale now: refreshed at once (with the old threshold it would be 7 s from now, past this wait).
    await eventually(async () => (await endpoint.stats()).requests === 2, 'a refresh at once');
    el.remove();
    document.cookie = 'st_threshold=; Path=/; Max-Age=0';
    document.cookie = 'st_threshold-at=; Path=/; Max-Age=0';
  });

  it('gives an element with other options a session of its own: its cookie-name is honoured', async () => {
    const endpoint = createEndpoint();
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <session-token endpoint="${endpoint.url}"></session-token>
      <session-token endpoint="${endpoint.url}" cookie-name="st_other"></session-token></div>`);
    const [plain, mirrored] = wrapper.querySelectorAll('session-token');
    await eventually(() => plain.token !== null && mirrored.token !== null, 'both signed in');
    expect(cookie('st_other')).to.equal(mirrored.token);
    wrapper.remove();
    document.cookie = 'st_other=; Path=/; Max-Age=0';
    document.cookie = 'st_other-at=; Path=/; Max-Age=0';
  });

  it('lets an element with nothing but the endpoint (a CMS block) join the session of one with options', async () => {
    const endpoint = createEndpoint();
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <session-token endpoint="${endpoint.url}" cookie-name="st_site"></session-token>
      <session-token endpoint="${new URL(endpoint.url).pathname}"></session-token></div>`);
    const [site, block] = wrapper.querySelectorAll('session-token');
    await eventually(() => site.token !== null && block.token === site.token, 'one token for both');
    expect((await endpoint.stats()).requests).to.equal(1);
    wrapper.remove();
    document.cookie = 'st_site=; Path=/; Max-Age=0';
    document.cookie = 'st_site-at=; Path=/; Max-Age=0';
  });
});
