// Issue 18 point 6 in a real tab: a page with both `initial-token` and `cookie-name` mirrors its
// server-rendered token with a receipt (`<name>-at`) dated from the navigation start, a fractional ms
// time in a real browser. The next page must read it and ask the endpoint nothing.
import { expect } from '@open-wc/testing';
import { createEndpoint } from '../helpers/endpoint.js';
import { clearCookie, closeTabs, cookieIn, openTab, sitePage } from './tabs.js';

describe('initial-token and cookie-name on one page (real tab)', () => {
  const cookie = `st_pr_${crypto.randomUUID().slice(0, 8)}`;
  afterEach(async () => {
    await closeTabs();
    clearCookie(cookie);
  });

  it('leaves a receipt the next page reads: that page takes the cookie\'s token with no request', async () => {
    const endpoint = createEndpoint();
    const tab = await openTab();
    await tab.goto(sitePage({ endpoint: endpoint.name, cookie, initial: 0 }));
    const first = await tab.record();
    expect(first.updates.map((update) => update.source)).to.deep.equal(['initial']);
    const [receipt] = await cookieIn(tab, `${cookie}-at`);
    expect(receipt, 'whole ms, then the token\'s tail').to.match(/^\d+\.[\w-]{16}$/);

    await tab.goto(sitePage({ endpoint: endpoint.name, cookie, n: 2 }));
    const next = await tab.record();
    expect(next.updates.map((update) => update.source)).to.deep.equal(['cookie']);
    expect(next.first!.token).to.equal(first.first!.token);
    expect((await endpoint.stats()).requests).to.equal(0);
  });
});
