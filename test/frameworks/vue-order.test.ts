// Issue 18 point 3 with a real framework: Vue binds an endpoint that is not known yet (it comes from the
// app's config later), and changes endpoint and cookie-name in one update while a caller waits.
import { expect } from '@open-wc/testing';
import { createApp, type App } from 'vue';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';

const Late = {
  data: () => ({ url: '', cookie: '', errors: [] as string[] }),
  template: `<session-token :endpoint="url" :cookie-name="cookie" @tokenerror="errors.push($event.detail.error.code)" />`,
};
type Vm = { url: string; cookie: string; errors: string[] };
const subOf = (jws: string | null) => JSON.parse(atob(jws!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;

describe('Vue 3 and attribute order', () => {
  let container: HTMLDivElement;
  let app: App | undefined;
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    app?.unmount();
    container.remove();
    document.cookie = 'st_vue=; Path=/; Max-Age=0';
    document.cookie = 'st_vue-at=; Path=/; Max-Age=0';
  });

  it('waits for an endpoint bound later, with no tokenerror, then answers from it; a change of endpoint and cookie-name drops no caller', async () => {
    const [first, second] = [createEndpoint(), createEndpoint()];
    await first.setDefault({ sub: 'vue-first' });
    await second.setDefault({ sub: 'vue-second' });
    app = createApp(Late);
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'session-token';
    const vm = app.mount(container) as unknown as Vm;
    const el = container.querySelector('session-token') as SessionTokenElement;

    const early = el.getToken();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(el.status).to.equal('loading');
    vm.url = first.url;
    expect(subOf(await early)).to.equal('vue-first');

    await first.script([{ sub: 'vue-first', delayMs: 1_000 }]);
    const waiting = el.refresh();
    vm.url = second.url;
    vm.cookie = 'st_vue';
    expect(subOf(await waiting)).to.equal('vue-second');
    expect(vm.errors).to.deep.equal([]);
  });
});
