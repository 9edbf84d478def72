// Page views of a multi-page site in one real tab (test/pages/tabs-plugin.mjs): a user clicks from page to
// page, and every page runs dist/session-token.js from its script tag. With a page token (the mirrored
// cookie, or a token the server rendered into the page) a page asks the endpoint nothing and hands its
// token out at once, whatever the server's clock says.
import { expect } from '@open-wc/testing';
import { createEndpoint } from '../helpers/endpoint.js';
import { clearCookie, closeTabs, openTab, sitePage, sleep, type PageRecord } from './tabs.js';

const PAGES = 5;
const LIFETIME_MS = 60_000;
/** The goal for the worst first getToken() after the library has loaded (its median goal: 5 ms). */
const HANDED_OUT_WITHIN_MS = 40;

/** Visits pages 1..PAGES by clicking the link on each; resolves each page's record. */
async function browse(first: string): Promise<PageRecord[]> {
  const tab = await openTab();
  await tab.goto(first);
  const records = [await tab.record()];
  while (records.length < PAGES) {
    await tab.click('#next');
    records.push(await tab.record());
  }
  return records;
}

/** The token's life was counted on the local clock from its request (or the page's navigation), not from a skewed `exp`. */
function expectFullLife(page: PageRecord) {
  const [update] = page.updates;
  expect(update.expiresAt - update.at, 'ms the token has to live, on the local clock').to.be.within(LIFETIME_MS - 2_000, LIFETIME_MS);
}

/** The page's first getToken() resolved the page token, at once. */
function expectHandedOutAtOnce(page: PageRecord) {
  expect(page.first!.token).to.equal(page.updates[0].token);
  expect(page.first!.at - page.libraryLoadedAt, 'ms from the library loaded to the first token').to.be.below(HANDED_OUT_WITHIN_MS);
}

describe('page views (real tab, multi-page site)', () => {
  const cookies: string[] = [];
  afterEach(async () => {
    await closeTabs();
    cookies.splice(0).forEach(clearCookie);
  });

  for (const skew of [3600, -3600]) {
    const clock = `the server clock ${skew > 0 ? 'an hour ahead' : 'an hour behind'}`;

    it(`with cookie-name, only the first page asks the endpoint; the others take the cookie's token at once (${clock})`, async () => {
      const endpoint = createEndpoint();
      await endpoint.setDefault({ iatOffset: skew });
      const cookie = `st_pv_${endpoint.name.slice(3, 11)}`;
      cookies.push(cookie);
      const pages = await browse(sitePage({ endpoint: endpoint.name, cookie }));

      expect(pages.map((page) => page.updates.map((update) => update.source))).to.deep.equal([['fetch'], ...Array(PAGES - 1).fill(['cookie'])]);
      expectFullLife(pages[0]);
      for (const page of pages.slice(1)) {
        expectHandedOutAtOnce(page);
        expect(page.first!.token, 'the same token on every page').to.equal(pages[0].first!.token);
        expect(page.updates[0].expiresAt, 'its life counted from the first page\'s request').to.equal(pages[0].updates[0].expiresAt);
      }
      await sleep(300); // no refresh loop either
      expect((await endpoint.stats()).requests).to.equal(1);
    });

    it(`with initial-token, no page asks the endpoint; each hands out its own server-rendered token at once (${clock})`, async () => {
      const endpoint = createEndpoint();
      const pages = await browse(sitePage({ endpoint: endpoint.name, initial: skew }));

      for (const page of pages) {
        expect(page.updates.map((update) => update.source)).to.deep.equal(['initial']);
        expectFullLife(page);
        expectHandedOutAtOnce(page);
      }
      expect(new Set(pages.map((page) => page.first!.token)).size, 'a new token per page').to.equal(PAGES);
      await sleep(300);
      expect((await endpoint.stats()).requests).to.equal(0);
    });
  }
});
