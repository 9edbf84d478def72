import { expect } from '@open-wc/testing';
import { cookieString, documentCookieJar } from '../../src/core/cookie.js';
import { parseToken } from '../../src/core/token.js';
import type { Token } from '../../src/core/token.js';
import { freshUntil, refreshThresholdMs } from '../../src/core/zones.js';

/** base64url of raw bytes (no padding), as a JWS carries its parts. */
const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const part = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));
const header = part({ alg: 'ES256' });
const jws = (payload: string) => `${header}.${payload}.c2ln`;
const refusal = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return error as Error & { code: string; cause?: unknown };
  }
};

describe('decoding a JWS', () => {
  it('reads base64url parts whose alphabet differs from base64 (- and _)', () => {
    // Chosen so that its base64 holds both + and / (base64url: - and _).
    const payload = part({ iat: 0, exp: 60, n: '>¿?' });
    expect(payload).to.match(/-/).and.match(/_/);
    expect(parseToken(jws(payload), 0).claims.n).to.equal('>¿?');
  });

  it('refuses a payload that is not a JSON object, or not UTF-8, with invalid-token and the cause', () => {
    // The last: JSON that parses once its invalid byte (0xff) is replaced by U+FFFD, as a lenient decoder would.
    const invalidUtf8 = b64url(new Uint8Array([...new TextEncoder().encode('{"iat":0,"exp":60,"n":"'), 0xff, ...new TextEncoder().encode('"}')]));
    for (const payload of [part([1, 2]), part(null), part(42), part('text'), invalidUtf8]) {
      const error = refusal(() => parseToken(jws(payload), 0));
      expect(error?.code, payload).to.equal('invalid-token');
      expect(error?.cause).to.be.an('error');
    }
    expect(refusal(() => parseToken(`${header}.${part({ iat: 0, exp: 60 })}`, 0))?.code, 'two parts').to.equal('invalid-token');
    expect(refusal(() => parseToken(`${header}.${part({ iat: 0, exp: 60 })}.c2ln.c2ln`, 0))?.code, 'four parts').to.equal('invalid-token');
  });

  it('needs a numeric iat, and a finite lifetime of more than 5 s', () => {
    expect(refusal(() => parseToken(jws(part({ iat: '0', exp: 60 })), 0))?.code).to.equal('invalid-token');
    expect(refusal(() => parseToken(jws(part({ iat: 0, exp: 5 })), 0))?.code, 'exactly 5 s').to.equal('invalid-token');
    expect(parseToken(jws(part({ iat: 0, exp: 5.001 })), 0).expiresAt).to.equal(5_001);
    const infinite = b64url(new TextEncoder().encode('{"iat":0,"exp":1e309}')); // JSON.parse reads 1e309 as Infinity
    expect(refusal(() => parseToken(jws(infinite), 0))?.code, 'an exp of Infinity').to.equal('invalid-token');
    expect(refusal(() => parseToken(jws(part({ iat: 0, exp: 60 })), 0))).to.equal(null);
  });
});

describe('zones on a token received at any moment', () => {
  it('caps the threshold at three quarters of the life, counted from the moment of receipt', () => {
    const token = { jws: 'x', claims: { iat: 0, exp: 60 }, localIat: 1_000_000, expiresAt: 1_060_000 } as Token;
    expect(freshUntil(token, refreshThresholdMs(1e9))).to.equal(1_015_000);
    expect(freshUntil(token, refreshThresholdMs(15))).to.equal(1_045_000);
  });
});

describe('the cookie of a document with no browsing context', () => {
  it('writes without Secure when the document has no location (document.implementation.createHTMLDocument())', () => {
    const assigned: string[] = [];
    // It keeps what it is written, as a page would (the jar reads each write back).
    const doc = { location: null, get cookie() { return assigned.map((text) => text.split('; ')[0]).join('; '); }, set cookie(text: string) { assigned.push(text); } } as unknown as Document;
    documentCookieJar(doc).write('st', 'v', 30);
    expect(assigned).to.deep.equal([cookieString('st', 'v', 30, false)]);
  });
});
