import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
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
    // 8 s tokens. With refresh-threshold 5 a token is refreshed 3 s after it arrives; with 6, 2–2.5 s after.
    const endpoint = createEndpoint();
    await endpoint.setDefault({ lifetime: 8 });
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}" refresh-threshold="5"></session-token>`);
    await eventually(() => el.token !== null, 'a token');
    el.refreshThreshold = 6;
    await eventually(async () => (await endpoint.stats()).requests === 2, 'the new session\'s first request');
    await eventually(() => el.token !== null, 'its token');
    await new Promise((resolve) => setTimeout(resolve, 2_750));
    expect((await endpoint.stats()).requests).to.equal(3);
    el.remove();
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
