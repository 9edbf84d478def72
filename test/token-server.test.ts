// Proves the test token server (test/token-server-plugin.mjs) with real fetches.
import { expect } from '@open-wc/testing';
import { createEndpoint, unique } from './helpers/endpoint.js';

function decodePart(part: string): Record<string, unknown> {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as Record<string, unknown>;
}

async function post(url: string): Promise<Response> {
  return fetch(url, { method: 'POST' });
}

async function mint(url: string): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> }> {
  const response = await post(url);
  expect(response.status).to.equal(200);
  const { jwt } = (await response.json()) as { jwt: string };
  const parts = jwt.split('.');
  expect(parts).to.have.length(3);
  return { header: decodePart(parts[0]!), payload: decodePart(parts[1]!) };
}

describe('token server plugin', () => {
  it('mints a real ES256 JWS on a fresh endpoint', async () => {
    const endpoint = createEndpoint();
    const response = await post(endpoint.url);
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    const { jwt } = (await response.json()) as { jwt: string };
    const [h, p, s] = jwt.split('.');
    expect(s).to.match(/^[A-Za-z0-9_-]{86}$/); // 64-byte ES256 signature
    const header = decodePart(h!);
    const payload = decodePart(p!);
    expect(header.alg).to.equal('ES256');
    expect(payload.sub).to.equal('user-1');
    expect(payload.sid).to.equal('session-1');
    expect(payload.iat).to.be.a('number');
    expect(payload.exp).to.be.a('number');
    expect((payload.exp as number) - (payload.iat as number)).to.equal(60);
    expect(Math.abs((payload.iat as number) - Date.now() / 1000)).to.be.below(5);

    const jwks = (await (await fetch(endpoint.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys[0]!.kid).to.equal(header.kid);
  });

  it('consumes scripted steps in order, then the default applies', async () => {
    const endpoint = createEndpoint();
    await endpoint.setDefault({ lifetime: 5, sub: 'default-user' });
    await endpoint.script([
      { lifetime: 30, iatOffset: -100, sub: 'alice', sid: 's-a' },
      { status: 503, retryAfter: '7' },
      { body: 'not json' },
      { format: 'token' },
      { format: 'text', lifetime: 10 },
    ]);

    const first = await mint(endpoint.url);
    expect(first.payload.exp as number - (first.payload.iat as number)).to.equal(30);
    expect(first.payload).to.include({ sub: 'alice', sid: 's-a' });
    expect(Date.now() / 1000 - (first.payload.iat as number)).to.be.within(95, 105);

    const second = await post(endpoint.url);
    expect(second.status).to.equal(503);
    expect(second.headers.get('retry-after')).to.equal('7');
    expect(second.headers.get('cache-control')).to.equal('no-store');
    expect(await second.json()).to.deep.equal({ error: 'scripted_error', status: 503 });

    const third = await post(endpoint.url);
    expect(third.status).to.equal(200);
    expect(await third.text()).to.equal('not json');

    const fourth = (await (await post(endpoint.url)).json()) as Record<string, unknown>;
    expect(Object.keys(fourth)).to.deep.equal(['token']);
    expect((fourth.token as string).split('.')).to.have.length(3);

    const fifth = await post(endpoint.url);
    expect(fifth.headers.get('content-type')).to.match(/^text\/plain/);
    const text = await fifth.text();
    const payload = decodePart(text.split('.')[1]!);
    expect((payload.exp as number) - (payload.iat as number)).to.equal(10);

    for (let i = 0; i < 2; i++) {
      const again = await mint(endpoint.url);
      expect(again.payload.sub).to.equal('default-user');
      expect((again.payload.exp as number) - (again.payload.iat as number)).to.equal(5);
    }
    const stats = await endpoint.stats();
    expect(stats.requests).to.equal(7);
    expect(stats.log.map((entry) => entry.status)).to.deep.equal([200, 503, 200, 200, 200, 200, 200]);
  });

  it('delays responses by delayMs', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{ delayMs: 400 }]);
    const started = performance.now();
    await mint(endpoint.url);
    expect(performance.now() - started).to.be.at.least(390);
    const quick = performance.now();
    await mint(endpoint.url);
    expect(performance.now() - quick).to.be.below(390);
  });

  it('counts requests and the maximum in flight', async () => {
    const endpoint = createEndpoint();
    await endpoint.setDefault({ delayMs: 300 });
    await Promise.all([post(endpoint.url), post(endpoint.url)]);
    let stats = await endpoint.stats();
    expect(stats).to.include({ requests: 2, maxInFlight: 2, inFlight: 0 });
    expect(stats.log).to.have.length(2);
    expect(stats.log[0]!.at).to.be.closeTo(Date.now(), 5000);

    await post(endpoint.url);
    await post(endpoint.url);
    stats = await endpoint.stats();
    expect(stats).to.include({ requests: 4, maxInFlight: 2, inFlight: 0 });

    const sequential = createEndpoint();
    await sequential.setDefault({ delayMs: 100 });
    await post(sequential.url);
    await post(sequential.url);
    expect(await sequential.stats()).to.include({ requests: 2, maxInFlight: 1 });
  });

  it('records aborted requests and ends them as soon as the client goes away', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{ delayMs: 5000 }]);
    const controller = new AbortController();
    const request = fetch(endpoint.url, { method: 'POST', signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await request.then(
      () => expect.fail('should have been aborted'),
      (error: unknown) => expect((error as Error).name).to.equal('AbortError'),
    );
    let stats = await endpoint.stats();
    for (let i = 0; i < 20 && stats.inFlight > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stats = await endpoint.stats();
    }
    expect(stats.inFlight).to.equal(0);
    expect(stats.log[0]!.aborted).to.equal(true);
  });

  it('keeps endpoints isolated and resets them', async () => {
    const a = createEndpoint();
    const b = createEndpoint(unique('other'));
    await a.script([{ status: 401 }]);
    expect((await post(b.url)).status).to.equal(200);
    expect((await b.stats()).requests).to.equal(1);
    await a.reset();
    expect((await post(a.url)).status).to.equal(200);
    expect(await a.stats()).to.include({ requests: 1, maxInFlight: 1 });
  });
});
