import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import { SessionTokenError } from '../../src/core/errors.js';
import { createSession } from '../../src/core/session.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, startSession, untilEvents } from '../helpers/harness.js';
import { firstEvent } from '../helpers/events.js';

const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const now = Math.floor(Date.now() / 1000);

describe('bad input', () => {
  afterEach(disposeAll);

  for (const value of ['abc', '-1', '1e9']) {
    it(`survives refresh-threshold="${value}" and keeps one request per token`, async () => {
      const endpoint = createEndpoint();
      const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}" refresh-threshold="${value}"></session-token>`);
      await firstEvent(el, 'tokenupdate');
      for (let i = 0; i < 20; i++) await el.getToken();
      expect((await endpoint.stats()).requests).to.equal(1);
      expect(el.status).to.equal('signed-in');
    });
  }

  for (const [label, step] of [
    ['a non-JSON body', { body: '<html>Bad gateway</html>', contentType: 'text/html' }],
    ['JSON without a token', { body: '{"ok":true}' }],
    ['a 10 MB body', { body: JSON.stringify({ jwt: 'x'.repeat(10 * 1024 * 1024) }) }],
    ['a JWT whose exp is before its iat', { body: JSON.stringify({ jwt: `${b64({ alg: 'ES256' })}.${b64({ iat: now, exp: now - 60 })}.c2ln` }) }],
    ['a JWT that lives 3 s', { body: JSON.stringify({ jwt: `${b64({ alg: 'ES256' })}.${b64({ iat: now, exp: now + 3 })}.c2ln` }) }],
    ['an unsecured JWT (alg none)', { body: JSON.stringify({ jwt: `${b64({ alg: 'none' })}.${b64({ iat: now, exp: now + 60 })}.` }) }],
  ] as const) {
    it(`answers ${label} with tokenerror invalid-token, caching nothing`, async () => {
      const h = await startSession([step]);
      await untilEvents(h, 'tokenerror');
      const { error } = h.of('tokenerror')[0].detail;
      expect(error).to.be.instanceOf(SessionTokenError);
      expect(error.code).to.equal('invalid-token');
      expect(error.message).to.not.contain('xxxx');
      expect(h.session.token).to.equal(null);
      expect(h.of('tokenupdate')).to.have.length(0);
      expect(h.cookies.writes).to.have.length(0);
    });
  }

  it('refuses an endpoint on another origin unless cross-origin is set', () => {
    const attempt = (allowCrossOrigin: boolean) => () =>
      createSession({ endpoint: 'https://elsewhere.example/token', allowCrossOrigin, channel: null }).dispose();
    expect(attempt(false)).to.throw(SessionTokenError).with.property('code', 'invalid-config');
    expect(attempt(true)).to.not.throw();
  });

  it('refuses a cookie-name that is not a cookie name, and a non-http endpoint', () => {
    expect(() => createSession({ endpoint: '/token/x', cookieName: 'a b;c' })).to.throw(SessionTokenError).with.property('code', 'invalid-config');
    expect(() => createSession({ endpoint: 'javascript:alert(1)' })).to.throw(SessionTokenError).with.property('code', 'invalid-config');
  });
});
