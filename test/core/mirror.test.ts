import { expect } from '@open-wc/testing';
import { createVirtualClock } from '../../src/core/clock.js';
import type { CookieJar } from '../../src/core/cookie.js';
import { createCookieMirror, pageToken } from '../../src/core/page-token.js';
import { parseToken } from '../../src/core/token.js';
import { createTestCookies } from '../helpers/harness.js';

// The mirrored cookie as the next page reads it (contract §6): trusted only when exactly one is visible, its
// receipt belongs to it and lies in the past, and it still has more than 5 s to live.
const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const header = b64url({ alg: 'ES256' });
const jws = (signature: string) => `${header}.${b64url({ iat: 100, exp: 160, sub: 'u', sid: 's' })}.${signature}`;
const [first, second] = [jws('c2lnbmF0dXJlLW9mLXRoZS1maXJzdA'), jws('c2lnbmF0dXJlLW9mLXRoZS1zZWNvbmQ')];

function mirrored(name = 'st') {
  const clock = createVirtualClock(1_000_000);
  const jar = createTestCookies();
  const mirror = createCookieMirror(jar, name, clock)!;
  mirror.write(parseToken(first, clock.now()));
  return { clock, jar, mirror };
}

describe('the mirrored cookie, read by the next page', () => {
  it('writes the token under cookie-name and a receipt beside it, both for as long as the token lives', () => {
    const { jar } = mirrored();
    expect(jar.writes.map((write) => write.name)).to.deep.equal(['st', 'st-at']);
    expect(jar.writes.map((write) => ('maxAge' in write ? write.maxAge : null))).to.deep.equal([60, 60]);
  });

  it('gives the token back, its life counted from its receipt, until 5 s are left', async () => {
    const { clock, mirror } = mirrored();
    await clock.advance(10_000);
    expect(mirror.read()).to.include({ jws: first, localIat: 1_000_000, expiresAt: 1_060_000 });
    await clock.advance(44_999);
    expect(mirror.read()?.jws).to.equal(first);
    await clock.advance(1);
    expect(mirror.read()).to.equal(null);
  });

  it('trusts no cookie whose receipt belongs to another token, lies in the future, or is missing', () => {
    const other = mirrored();
    other.jar.values.set('st', second);
    expect(other.mirror.read(), 'another token').to.equal(null);
    const missing = mirrored();
    missing.jar.values.delete('st-at');
    expect(missing.mirror.read(), 'no receipt').to.equal(null);
    const empty = mirrored();
    empty.jar.values.delete('st');
    expect(empty.mirror.read(), 'no token').to.equal(null);
    const { jar } = mirrored();
    const earlier = createCookieMirror(jar, 'st', createVirtualClock(999_999))!;
    expect(earlier.read(), 'received after now').to.equal(null);
  });

  it('trusts neither when two cookies of the name, or two receipts, are visible (one was planted)', () => {
    for (const doubled of ['st', 'st-at']) {
      const { jar, clock } = mirrored();
      const twice: CookieJar = { ...jar, read: (name) => (name === doubled ? [...jar.read(name), ...jar.read(name)] : jar.read(name)) };
      expect(createCookieMirror(twice, 'st', clock)!.read(), doubled).to.equal(null);
    }
  });

  it('is no mirror without cookie-name, and invalid-config for a name that is none', () => {
    const clock = createVirtualClock(0);
    expect(createCookieMirror(createTestCookies(), null, clock)).to.equal(null);
    expect(createCookieMirror(createTestCookies(), undefined, clock)).to.equal(null);
    expect(() => createCookieMirror(createTestCookies(), 'st session', clock)).to.throw('cookie-name "st session" is not a cookie name').with.property('code', 'invalid-config');
  });

  it('starts a page from the server-rendered token first, else from the cookie, else from nothing', () => {
    const { clock, mirror } = mirrored();
    expect(pageToken(undefined, 0, mirror, clock.now())).to.deep.equal([mirror.read(), 'cookie']);
    expect(pageToken(second, clock.now(), mirror, clock.now())?.[1]).to.equal('initial');
    expect(pageToken('not a token', clock.now(), mirror, clock.now())?.[1], 'an unusable page token').to.equal('cookie');
    expect(pageToken(undefined, 0, null, clock.now())).to.equal(null);
  });
});
