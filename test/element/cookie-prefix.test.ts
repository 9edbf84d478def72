import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { engine } from '../helpers/engine.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { firstEvent } from '../helpers/events.js';
import { eventually } from '../helpers/harness.js';

// A `__Host-` cookie is written with `Secure`: browsers accept the prefix only so. On http://localhost,
// Chromium and Firefox accept a `Secure` cookie written from script; WebKit refuses it, and the library
// must say so (once) instead of leaving the next page without its cookie.
describe('cookie-name with a __Host- prefix on http://localhost', () => {
  const hasCookie = (name: string) => document.cookie.split('; ').some((pair) => pair.startsWith(`${name}=`));

  it('is written in Chromium and Firefox; WebKit refuses it, and the library reports that once as invalid-config', async () => {
    const endpoint = createEndpoint();
    const name = `__Host-st_${endpoint.name.slice(3, 11)}`;
    const errors: string[] = [];
    const onError = (event: Event) => errors.push((event as CustomEvent).detail.error.code);
    document.addEventListener('tokenerror', onError);
    try {
      const wrapper = await fixture<HTMLDivElement>(`<div><session-token endpoint="${endpoint.url}" cookie-name="${name}"></session-token></div>`);
      const el = wrapper.querySelector<SessionTokenElement>('session-token')!;
      await firstEvent(el, 'tokenupdate');
      await el.refresh(); // a second write: still one report at most
      if (engine === 'webkit') {
        await eventually(() => errors.length > 0, 'the refused cookie to be reported');
        expect(errors).to.deep.equal(['invalid-config']);
        expect(hasCookie(name)).to.equal(false);
      } else {
        expect(hasCookie(name), 'the __Host- cookie').to.equal(true);
        expect(errors).to.deep.equal([]);
      }
      el.remove();
    } finally {
      document.removeEventListener('tokenerror', onError);
      document.cookie = `${name}=; Path=/; Max-Age=0; Secure`;
      document.cookie = `${name}-at=; Path=/; Max-Age=0; Secure`;
    }
  });
});
