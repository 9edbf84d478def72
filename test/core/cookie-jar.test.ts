import { expect } from '@open-wc/testing';
import { cookieString, documentCookieJar, isValidCookieName, readCookie } from '../../src/core/cookie.js';
import type { SessionTokenError } from '../../src/core/errors.js';

/**
 * A document as far as the cookie jar reads it: what was assigned to `cookie`, and a protocol. It keeps
 * what was written (a Max-Age of 0 removes it) after the cookies it started with, as a browser that
 * accepts every cookie would; the jar reads each write back.
 */
function pageWith(cookies: string, protocol = 'http:') {
  const assigned: string[] = [];
  const written = new Map<string, string>();
  const doc = {
    location: { protocol },
    get cookie() {
      return [cookies, ...[...written].map(([name, value]) => `${name}=${value}`)].filter(Boolean).join('; ');
    },
    set cookie(text: string) {
      assigned.push(text);
      const [pair] = text.split('; ');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (/Max-Age=0(;|$)/.test(text)) written.delete(name);
      else written.set(name, value);
    },
  };
  return { assigned, doc: doc as unknown as Document };
}

describe('the mirrored cookie, as written and read', () => {
  it('accepts cookie names that are HTTP tokens, and nothing with a space, a separator or nothing at all', () => {
    for (const name of ['st', 'st_session', '__Host-st', 'a.b-c~d']) expect(isValidCookieName(name), name).to.equal(true);
    for (const name of ['', 'st session', ' st', 'st ', 'st;x', 'st=x', 'sté']) expect(isValidCookieName(name), name).to.equal(false);
  });

  it('writes Path=/, a whole Max-Age (never negative) and SameSite=Lax; Secure on https and for the __Host-/__Secure- prefixes', () => {
    expect(cookieString('st', 'v', 59.9, false)).to.equal('st=v; Path=/; Max-Age=59; SameSite=Lax');
    expect(cookieString('st', '', -3, false)).to.equal('st=; Path=/; Max-Age=0; SameSite=Lax');
    expect(cookieString('st', 'v', 1, true)).to.equal('st=v; Path=/; Max-Age=1; SameSite=Lax; Secure');
    expect(cookieString('__Host-st', 'v', 1, false)).to.match(/; Secure$/);
    expect(cookieString('__Secure-st', 'v', 1, false)).to.match(/; Secure$/);
    expect(cookieString('my__Host-st', 'v', 1, false)).to.not.contain('Secure');
  });

  it('reads every value of one name, decoded where it was encoded, and only that name', () => {
    const { doc } = pageWith('a=1; st=x%20y; st2=no; xst=no; st=%E0%A4%A; st=');
    expect(readCookie(doc, 'st')).to.deep.equal(['x y', '%E0%A4%A', '']);
    expect(readCookie(doc, 'missing')).to.deep.equal([]);
    expect(readCookie(undefined, 'st')).to.deep.equal([]);
  });

  it('writes, removes and reads through document.cookie, with Secure on an https page', () => {
    const plain = pageWith('st=abc');
    const jar = documentCookieJar(plain.doc);
    jar.write('st', 'v', 30);
    jar.remove('st');
    expect(plain.assigned).to.deep.equal(['st=v; Path=/; Max-Age=30; SameSite=Lax', 'st=; Path=/; Max-Age=0; SameSite=Lax']);
    expect(jar.read('st')).to.deep.equal(['abc']);
    const secure = pageWith('', 'https:');
    documentCookieJar(secure.doc).write('st', 'v', 30);
    expect(secure.assigned).to.deep.equal(['st=v; Path=/; Max-Age=30; SameSite=Lax; Secure']);
  });

  it('does nothing without a document (a worker, a server)', () => {
    const jar = documentCookieJar(undefined);
    jar.write('st', 'v', 30);
    jar.remove('st');
    expect(jar.read('st')).to.deep.equal([]);
  });
});

describe('a cookie the page refuses, read back after each write', () => {
  /** A page whose cookie writes go nowhere (WebKit with `Secure` on http://localhost, blocked cookies). */
  const refusing = (protocol: string) => Object.defineProperty({ location: { protocol } }, 'cookie', { get: () => '', set() {} }) as unknown as Document;

  it('is invalid-config naming cookie-name and the likely cause: https for a prefixed name on http, else blocked', () => {
    const error = (protocol: string, name: string) => {
      try {
        documentCookieJar(refusing(protocol)).write(name, 'v', 1);
      } catch (thrown) {
        return thrown as SessionTokenError;
      }
      throw new Error(`no error for ${name} on ${protocol}`);
    };
    expect(error('http:', '__Host-st')).to.include({ code: 'invalid-config', message: 'cookie-name: the browser refused "__Host-st" (a __Host-/__Secure- name needs https): not mirrored' });
    expect(error('http:', '__Secure-st').message).to.contain('needs https');
    expect(error('https:', '__Host-st').message).to.contain('(cookies blocked, or a server cookie of that name)');
    expect(error('http:', 'st').message).to.contain('(cookies blocked, or a server cookie of that name)');
    expect(error('http:', 'my__Host-st').message, 'only a prefix is a prefix').to.contain('(cookies blocked, or a server cookie of that name)');
  });

  it('is not checked for a removal, or a cookie that lives less than a second', () => {
    const jar = documentCookieJar(refusing('http:'));
    expect(() => jar.remove('st')).to.not.throw();
    expect(() => jar.write('st', 'v', 0.9)).to.not.throw();
  });
});
