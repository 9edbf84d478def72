import { expect } from '@open-wc/testing';
import { SessionTokenError } from '../../src/core/errors.js';
import { parseToken } from '../../src/core/token.js';
import { freshUntil, refreshAt, refreshThresholdMs, usableUntil, zoneOf } from '../../src/core/zones.js';
import { createEndpoint } from '../helpers/endpoint.js';

const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const unsigned = (payload: object, header: object = { alg: 'ES256' }) => `${b64(header)}.${b64(payload)}.c2ln`;

async function realToken(lifetime = 60, iatOffset = 0): Promise<string> {
  const endpoint = createEndpoint();
  await endpoint.setDefault({ lifetime, iatOffset });
  const body = await (await fetch(endpoint.url, { method: 'POST' })).json();
  return body.jwt;
}

function invalid(fn: () => unknown): SessionTokenError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(SessionTokenError);
    expect((error as SessionTokenError).code).to.equal('invalid-token');
    return error as SessionTokenError;
  }
  throw new Error('expected invalid-token');
}

describe('parseToken', () => {
  it('places the lifetime (exp − iat) on the local clock from the moment of receipt', async () => {
    const token = parseToken(await realToken(60), 1_000);
    expect(token.expiresAt).to.equal(61_000);
    expect(token.claims.sub).to.equal('user-1');
  });

  it('ignores how far the server clock is from ours', async () => {
    const ahead = parseToken(await realToken(60, 3600), 5_000);
    const behind = parseToken(await realToken(60, -3600), 5_000);
    expect(ahead.expiresAt).to.equal(65_000);
    expect(behind.expiresAt).to.equal(65_000);
  });

  it('rejects what is not a compact JWS', () => {
    invalid(() => parseToken('not a token', 0));
    invalid(() => parseToken('', 0));
    invalid(() => parseToken(undefined, 0));
    invalid(() => parseToken('a.b.c.d.e', 0));
  });

  it('rejects tokens without numeric exp and iat, or with exp ≤ iat', () => {
    invalid(() => parseToken(unsigned({ iat: 10 }), 0));
    invalid(() => parseToken(unsigned({ exp: '20', iat: 10 }), 0));
    invalid(() => parseToken(unsigned({ exp: 10, iat: 10 }), 0));
  });

  it('refuses unsecured tokens (alg "none")', () => {
    const error = invalid(() => parseToken(unsigned({ exp: 20, iat: 10 }, { alg: 'none' }), 0));
    expect(error.message).to.contain('none');
  });
});

describe('zones', () => {
  const token = { jws: 'x', claims: { exp: 60, iat: 0 }, localIat: 0, expiresAt: 60_000 };

  it('is fresh until the refresh threshold, stale until 5 s are left, then expired', () => {
    const threshold = refreshThresholdMs(15);
    expect(freshUntil(token, threshold)).to.equal(45_000);
    expect(usableUntil(token)).to.equal(55_000);
    expect(zoneOf(token, 44_999, threshold)).to.equal('fresh');
    expect(zoneOf(token, 45_000, threshold)).to.equal('stale');
    expect(zoneOf(token, 54_999, threshold)).to.equal('stale');
    expect(zoneOf(token, 55_000, threshold)).to.equal('expired');
  });

  it('honours refresh-threshold while the token stays fresh for a quarter of its life, and caps it there', () => {
    expect(freshUntil(token, refreshThresholdMs(30))).to.equal(30_000);
    expect(freshUntil(token, refreshThresholdMs(45))).to.equal(15_000);
    expect(freshUntil(token, refreshThresholdMs(50))).to.equal(15_000);
    expect(freshUntil(token, refreshThresholdMs(1e9))).to.equal(15_000);
    const short = { ...token, claims: { exp: 8, iat: 0 }, expiresAt: 8_000 };
    expect(freshUntil(short, refreshThresholdMs(15))).to.equal(2_000);
  });

  it('refreshes at a point drawn in the first half of the stale window', () => {
    const threshold = refreshThresholdMs(15);
    expect(refreshAt(token, threshold, 0)).to.equal(45_000);
    expect(refreshAt(token, threshold, 0.5)).to.equal(47_500);
    expect(refreshAt(token, threshold, 0.999_999)).to.be.closeTo(50_000, 1);
  });

  it('defaults the threshold to 15 s, raises values below 5 s to 5 s and ignores garbage', () => {
    expect(refreshThresholdMs(undefined)).to.equal(15_000);
    expect(refreshThresholdMs(Number('abc'))).to.equal(15_000);
    expect(refreshThresholdMs(1)).to.equal(5_000);
    expect(refreshThresholdMs(-1)).to.equal(5_000);
    expect(refreshThresholdMs(30)).to.equal(30_000);
  });
});
