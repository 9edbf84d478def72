// Vue 3 compiles the template in the browser: `vue` is mapped to its full ESM build
// (vue/dist/vue.esm-browser.js) in web-test-runner.config.mjs.
import { expect } from '@open-wc/testing';
import { createApp, nextTick, type App } from 'vue';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

const Session = {
  props: { url: { type: String, required: true } },
  data: () => ({ sub: null as string | null }),
  template: `
    <session-token :endpoint="url" @tokenupdate="sub = $event.detail.claims.sub" @signedout="sub = null" />
    <p v-if="sub">Hello {{ sub }}</p>`,
};

describe('Vue 3', () => {
  let container: HTMLDivElement;
  let app: App | undefined;
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    app?.unmount();
    container.remove();
  });

  it('passes :endpoint, shows the sub after @tokenupdate and clears it on @signedout', async () => {
    const endpoint = createEndpoint();
    await endpoint.setDefault({ sub: 'vue-user' });
    app = createApp(Session, { url: endpoint.url });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'session-token';
    app.mount(container);

    const el = container.querySelector('session-token') as SessionTokenElement;
    expect(el.endpoint).to.equal(endpoint.url);
    await eventually(() => container.querySelector('p')?.textContent === 'Hello vue-user', 'Hello vue-user');

    await endpoint.script([{ status: 401 }]);
    await el.refresh();
    await nextTick();
    expect(container.querySelector('p')).to.equal(null);
  });
});
