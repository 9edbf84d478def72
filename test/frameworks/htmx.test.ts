// htmx 2 (its ESM build, htmx.org's "main") on a server-rendered fragment: every htmx request carries
// the element's token as a bearer header. The API is test/api-server.mjs, which logs what it got.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import htmx from 'htmx.org';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createApi } from '../helpers/api.js';
import { createEndpoint, type Endpoint } from '../helpers/endpoint.js';
import { firstEvent } from '../helpers/events.js';

interface ConfigRequestDetail {
  headers: Record<string, string>;
}
interface ConfirmDetail {
  issueRequest(skipConfirmation?: boolean): void;
}

// What a page would put in its layout: the header from the element's synchronous `token`.
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('session-token')?.token;
  if (token) (event as CustomEvent<ConfigRequestDetail>).detail.headers['Authorization'] = `Bearer ${token}`;
});

async function page(endpoint: Endpoint, apiUrl: string): Promise<HTMLElement> {
  // As a CMS would render it; htmx only wires up content it is told about.
  const root = await fixture<HTMLElement>(`<main>
      <session-token endpoint="${endpoint.url}"></session-token>
      <button hx-post="${apiUrl}" hx-target="#out">Load</button>
      <div id="out"></div>
    </main>`);
  htmx.process(root);
  return root;
}

/** Clicks the button and returns the Authorization header the API got (it answers with what it got). */
async function click(root: HTMLElement): Promise<string> {
  const swapped = oneEvent(root, 'htmx:afterSwap');
  root.querySelector('button')!.click();
  await swapped;
  return JSON.parse(root.querySelector('#out')!.textContent!).authorization;
}

describe('htmx 2', () => {
  // htmx writes its history path to sessionStorage as soon as it is imported, and the test runner
  // reuses the browser tab for the next test file (test/security/storage.test.ts wants it empty).
  after(() => sessionStorage.removeItem('htmx-current-path-for-history'));

  it('sends the token as a bearer header from htmx:configRequest', async () => {
    const api = createApi();
    const root = await page(createEndpoint(), api.url());
    const el = root.querySelector('session-token')!;
    await firstEvent(el, 'tokenupdate');
    expect(await click(root)).to.equal(`Bearer ${el.token}`);
    expect((await api.log()).map((call) => call.method)).to.deep.equal(['POST']);
  });

  it('holds a request back until the first token arrives (htmx:confirm + getToken)', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{ delayMs: 300 }]);
    const root = await page(endpoint, createApi().url());
    const el: SessionTokenElement = root.querySelector('session-token')!;
    root.addEventListener('htmx:confirm', (event) => {
      event.preventDefault();
      void el.getToken().finally(() => (event as CustomEvent<ConfirmDetail>).detail.issueRequest(true));
    });
    expect(el.token).to.equal(null);
    expect(await click(root)).to.equal(`Bearer ${el.token}`);
    expect(el.token).to.be.a('string');
  });
});
