import { expect } from '@open-wc/testing';
import { resolveEndpoint } from '../../src/core/endpoint.js';
import type { SessionTokenError } from '../../src/core/errors.js';
import { classifyStatus, extractJws, tokenRequest } from '../../src/core/request.js';

const page = 'http://app.example/account/page';
const origin = 'http://app.example';
const thrown = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as SessionTokenError;
  }
  throw new Error('nothing was thrown');
};

describe('options checked when the session is made', () => {
  it('resolves the endpoint against the page, and refuses what is no http(s) URL as invalid-config', () => {
    expect(resolveEndpoint('/token', page, origin)).to.equal('http://app.example/token');
    expect(resolveEndpoint('token', page, origin)).to.equal('http://app.example/account/token');
    for (const endpoint of ['', null, undefined, 'http://[', 'ftp://app.example/token', 'xhttp://app.example/token', 'javascript:alert(1)']) {
      const error = thrown(() => resolveEndpoint(endpoint, page, origin));
      expect(error.code, String(endpoint)).to.equal('invalid-config');
      expect(error.message).to.equal(`endpoint="${endpoint ?? ''}" is not an http(s) URL`);
    }
  });

  it('refuses an endpoint on another origin unless cross-origin is set', () => {
    const error = thrown(() => resolveEndpoint('https://auth.example/token', page, origin));
    expect(error.code).to.equal('invalid-config');
    expect(error.message).to.equal('endpoint "https://auth.example" is another origin: set cross-origin');
    expect(resolveEndpoint('https://auth.example/token', page, origin, true)).to.equal('https://auth.example/token');
    expect(resolveEndpoint('https://auth.example/token', undefined, undefined)).to.equal('https://auth.example/token');
  });

  it('takes GET and POST in any case, and names method for anything else', () => {
    expect(tokenRequest({ endpoint: '/t', method: 'get' }, undefined).method).to.equal('GET');
    expect(tokenRequest({ endpoint: '/t' }, undefined).method).to.equal('POST');
    for (const method of ['PUT', 'XGET', 'POSTX', 'GET POST']) {
      const error = thrown(() => tokenRequest({ endpoint: '/t', method }, undefined));
      expect(error.code, method).to.equal('invalid-config');
      expect(error.message).to.contain('method');
    }
  });

  it('takes 4xx statuses as signed-out-status, 400 and 499 included, and names it for any other', () => {
    expect(tokenRequest({ endpoint: '/t', signedOutStatus: [400, 499] }, undefined).signedOutStatus).to.deep.equal([400, 499]);
    for (const list of [[401, 500], [399], [500], [200, 401]]) {
      const error = thrown(() => tokenRequest({ endpoint: '/t', signedOutStatus: list }, undefined));
      expect(error.code, String(list)).to.equal('invalid-config');
      expect(error.message).to.contain('signed-out-status');
    }
  });

  it('sends no CSRF header when csrf-meta names a tag the page does not have', () => {
    const doc = { getElementsByName: () => [] } as unknown as Document;
    const request = tokenRequest({ endpoint: '/t', csrf: { header: 'X-CSRF-Token', meta: 'csrf-token' } }, doc);
    expect(request.headers()).to.deep.equal({ Accept: 'application/json' });
  });
});

describe('what a status means', () => {
  const request = tokenRequest({ endpoint: '/t' }, undefined);

  it('a sign-out carries its status; 3xx, 408, 429 and 5xx are server trouble; the other 4xx are refused', () => {
    const signedOut = classifyStatus(401, request, 0);
    expect(signedOut).to.include({ code: 'unauthorized', status: 401, message: 'the token endpoint answered 401' });
    for (const status of [304, 408, 429, 500, 599]) expect(classifyStatus(status, request, 0).code, String(status)).to.equal('server');
    for (const status of [400, 403, 404, 499]) expect(classifyStatus(status, request, 0).code, String(status)).to.equal('refused');
  });

  it('names a CSRF check for 403, 419 (Laravel) and 422 (Rails), and the method and path for 404 and 405', () => {
    for (const status of [403, 419, 422]) expect(classifyStatus(status, request, 0).message, String(status)).to.contain('CSRF');
    for (const status of [404, 405]) expect(classifyStatus(status, request, 0).message, String(status)).to.contain('method="GET"');
    expect(classifyStatus(400, request, 0).message).to.equal(
      'the token endpoint answered 400: check method, csrf-header and headers. Not a sign-out: if it means one, add 400 to signed-out-status',
    );
  });
});

describe('where the JWT is in the body', () => {
  it('reads a JSON object with white space around it, and a plain-text body as it is', () => {
    expect(extractJws('  {"jwt": "a.b.c"}\n', ['jwt'])).to.equal('a.b.c');
    expect(extractJws(' a.b.c\n', ['jwt'])).to.equal('a.b.c');
    expect(extractJws('{"jwt": 42, "token": "a.b.c"}', ['jwt', 'token'])).to.equal('a.b.c');
    expect(extractJws('{not json', ['jwt'])).to.equal(undefined);
  });
});
