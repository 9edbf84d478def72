import { expect } from '@open-wc/testing';
import { SessionTokenError } from '../../src/core/errors.js';
import { MAX_LIFETIME_S, parseToken } from '../../src/core/token.js';
import { disposeAll, startSession, untilEvents } from '../helpers/harness.js';

// Issue 18 point 2: `iat` and `exp` are NumericDates, seconds since 1970 (RFC 7519). Anything else is
// `invalid-token`, with a message naming the claim: a server that writes milliseconds would otherwise
// make a 5-minute token look like it lives for days.
const b64 = (json: string) => btoa(json).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
/** An ES256-looking JWS whose payload is `json` as written (so `1e999` stays a number JSON.parse makes Infinity). */
const jwsOf = (json: string) => `${b64('{"alg":"ES256"}')}.${b64(json)}.c2ln`;
const withDates = (iat: unknown, exp: unknown) => jwsOf(JSON.stringify({ sub: 'user-1', iat, exp }));
const nowS = 1_790_000_000; // December 2026, in seconds

function rejection(jws: string): SessionTokenError {
  try {
    parseToken(jws, 0);
  } catch (error) {
    expect(error).to.be.instanceOf(SessionTokenError);
    expect((error as SessionTokenError).code).to.equal('invalid-token');
    return error as SessionTokenError;
  }
  throw new Error('expected invalid-token');
}

describe('token dates', () => {
  afterEach(disposeAll);

  it('says "iat" looks like milliseconds when both dates are in milliseconds', () => {
    const { message } = rejection(withDates(nowS * 1000, (nowS + 300) * 1000));
    expect(message).to.contain('"iat"').and.to.contain('milliseconds');
  });

  it('says "exp" looks like milliseconds when only exp is', () => {
    const { message } = rejection(withDates(nowS, (nowS + 300) * 1000));
    expect(message).to.contain('"exp"').and.to.contain('milliseconds');
  });

  it('refuses an exp that is not after iat, naming both', () => {
    for (const exp of [nowS, nowS - 60]) {
      const { message } = rejection(withDates(nowS, exp));
      expect(message).to.contain('"exp"').and.to.contain('"iat"');
    }
  });

  it(`accepts a lifetime of ${MAX_LIFETIME_S} s (24 h) and refuses one a second longer, naming "exp"`, () => {
    expect(MAX_LIFETIME_S).to.equal(86_400);
    expect(parseToken(withDates(nowS, nowS + MAX_LIFETIME_S), 0).expiresAt).to.equal(MAX_LIFETIME_S * 1000);
    const { message } = rejection(withDates(nowS, nowS + MAX_LIFETIME_S + 1));
    expect(message).to.contain('"exp"').and.to.contain('24 h');
  });

  it('refuses a seconds iat plus a lifetime added in milliseconds (exp = iat + 300000 for a 5-minute token)', () => {
    rejection(withDates(nowS, nowS + 300_000));
  });

  it('refuses negative, non-finite and string dates, naming the claim', () => {
    const cases: Array<[string, string]> = [
      [withDates(-1, nowS), '"iat"'],
      [withDates(nowS, -1), '"exp"'],
      [jwsOf(`{"iat":${nowS},"exp":1e999}`), '"exp"'],
      [jwsOf(`{"iat":-1e999,"exp":${nowS}}`), '"iat"'],
      [withDates(String(nowS), nowS + 60), '"iat"'],
      [withDates(nowS, String(nowS + 60)), '"exp"'],
      [withDates(nowS, null), '"exp"'],
      [jwsOf(`{"exp":${nowS + 60}}`), '"iat"'],
    ];
    for (const [jws, claim] of cases) expect(rejection(jws).message, jws).to.contain(`${claim} is not a NumericDate`);
  });

  it('takes 0 and 99,999,999,999 s as dates and 100,000,000,000 as milliseconds', () => {
    expect(rejection(withDates(0, 1e11)).message).to.contain('"exp" looks like milliseconds');
    expect(rejection(withDates(1e11 - 1, 1e11 - 1 + 60)).message).to.contain('"exp" looks like milliseconds');
    expect(() => parseToken(withDates(0, 60), 0)).to.not.throw();
    expect(() => parseToken(withDates(1e11 - 61, 1e11 - 1), 0)).to.not.throw();
  });

  it('keeps a token from an endpoint whose lifetime passes the bound out of the session: tokenerror invalid-token', async () => {
    const h = await startSession([{ lifetime: MAX_LIFETIME_S + 60 }]);
    await untilEvents(h, 'tokenerror');
    const [{ detail }] = h.of('tokenerror');
    expect(detail.error.code).to.equal('invalid-token');
    expect(detail.error.message).to.contain('"exp"');
    expect(h.of('tokenupdate')).to.have.length(0);
    expect(h.session.token).to.equal(null);
    expect(h.session.status).to.not.equal('signed-in');
  });
});
