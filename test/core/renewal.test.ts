import { expect } from '@open-wc/testing';
import { createAuthorizedFetch } from '../../src/core/authorized-fetch.js';
import type { SessionTokenError } from '../../src/core/errors.js';

// Contract §7 with a scripted API: it answers 401 to a revoked token and 200 to any other; the session
// hands out `held` and renews to whatever `renewTo` says.
function scripted(options: { renewTo?: string | null; revoked?: string; body401?: boolean } = {}) {
  const calls: string[] = [];
  let held = 'old';
  let renewals = 0;
  const fetch = createAuthorizedFetch({
    getToken: async () => held,
    refresh: async () => {
      renewals++;
      await new Promise((resolve) => setTimeout(resolve, 0));
      held = options.renewTo === undefined ? 'new' : (options.renewTo as string);
      return options.renewTo === undefined ? 'new' : options.renewTo;
    },
    origins: ['http://api.example'],
    fetch: (async (input: RequestInfo | URL) => {
      const authorization = (input as Request).headers.get('Authorization')!;
      calls.push(authorization);
      const revoked = authorization === `Bearer ${options.revoked ?? 'old'}`;
      return revoked ? new Response(options.body401 === false ? null : 'revoked', { status: 401 }) : new Response('ok');
    }) as typeof globalThis.fetch,
  });
  return { fetch, calls, renewals: () => renewals };
}

describe('authorized fetch: one renewal per revoked token', () => {
  it('two callers that saw the same token revoked share one refresh', async () => {
    const api = scripted();
    const responses = await Promise.all([api.fetch('http://api.example/a'), api.fetch('http://api.example/b')]);
    expect(responses.map((response) => response.status)).to.deep.equal([200, 200]);
    expect(api.renewals()).to.equal(1);
    expect(api.calls).to.deep.equal(['Bearer old', 'Bearer old', 'Bearer new', 'Bearer new']);
  });

  it('returns the 401 as it is when the renewal signs out or brings the same token back', async () => {
    for (const renewTo of [null, 'old']) {
      const api = scripted({ renewTo });
      expect((await api.fetch('http://api.example/a')).status, String(renewTo)).to.equal(401);
      expect(api.calls).to.deep.equal(['Bearer old']);
    }
  });

  it('sends a bodiless Request again, and a 401 with no body is no trouble', async () => {
    const api = scripted({ body401: false });
    expect((await api.fetch(new Request('http://api.example/a'))).status).to.equal(200);
    expect(api.calls).to.deep.equal(['Bearer old', 'Bearer new']);
  });

  it('sends nothing for a signal aborted before the call', async () => {
    const api = scripted();
    const controller = new AbortController();
    controller.abort();
    const error = await api.fetch('http://api.example/a', { signal: controller.signal }).then(() => null, (reason: Error) => reason);
    expect(error?.name).to.equal('AbortError');
    expect(api.calls).to.deep.equal([]);
  });

  it('rejects with unauthorized, saying nothing was sent, when signed out', async () => {
    const fetch = createAuthorizedFetch({ getToken: async () => null, refresh: async () => null, origins: ['http://api.example'], fetch: () => Promise.reject(new Error('sent')) });
    const error = (await fetch('http://api.example/a').catch((reason: SessionTokenError) => reason)) as SessionTokenError;
    expect(error).to.include({ code: 'unauthorized', message: 'signed out: fetch() sent nothing' });
  });
});
