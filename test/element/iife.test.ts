import { expect, oneEvent } from '@open-wc/testing';
import { createApi } from '../helpers/api.js';
import { createEndpoint } from '../helpers/endpoint.js';

// The one-file bundle, loaded by a plain <script> as a user's page would. This file imports nothing from src/.
function loadScript(data: Record<string, string> = {}): Promise<void> {
  const script = document.createElement('script');
  script.src = '/dist/session-token.js';
  Object.assign(script.dataset, data);
  const loaded = new Promise<void>((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('dist/session-token.js did not load: run `npm run build`'));
  });
  document.head.append(script);
  return loaded;
}

describe('dist/session-token.js', () => {
  it('starts a session from data-endpoint, reports on document, and serves SessionToken.getToken()', async () => {
    const endpoint = createEndpoint();
    const update = oneEvent(document, 'tokenupdate');
    await loadScript({ endpoint: endpoint.url });
    const { detail } = await update;
    expect(await window.SessionToken.getToken()).to.equal(detail.token);
    expect(customElements.get('session-token')).to.equal(window.SessionToken.SessionTokenElement);
    const api = createApi();
    await window.SessionToken.fetch(api.url());
    expect((await api.log())[0].authorization).to.equal(`Bearer ${detail.token}`);
  });

  it('can be loaded a second time without throwing, keeping the first definition', async () => {
    const first = window.SessionToken;
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    await loadScript();
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(window.SessionToken).to.equal(first);
  });

  it('reports a bad data-endpoint as tokenerror invalid-config, and still defines SessionToken', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>document.addEventListener('tokenerror', (e) => (window.reported = e.detail.error.code));</script>
      <script src="/dist/session-token.js" data-endpoint="https://elsewhere.example/token"></script>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & { reported?: string };
    expect(win.reported).to.equal('invalid-config');
    const error = await win.SessionToken.getToken().then(() => null, (e: { code: string }) => e);
    expect(error?.code).to.equal('invalid-config');
    frame.remove();
  });

  it('has the version of package.json', async () => {
    const pkg = await (await fetch('/package.json')).json();
    expect(window.SessionToken.version).to.equal(pkg.version);
  });

  it('lets an element with the script tag\'s endpoint share its session', async () => {
    const endpoint = createEndpoint();
    await loadScript({ endpoint: endpoint.url });
    const el = document.createElement('session-token');
    el.setAttribute('endpoint', endpoint.url);
    document.body.append(el);
    await el.getToken();
    expect((await endpoint.stats()).requests).to.equal(1);
    el.remove();
  });
});
