import { expect } from '@open-wc/testing';
import { isRetryable, type SessionTokenError } from '../../src/core/errors.js';
import { classifyStatus, tokenRequest } from '../../src/core/request.js';
import { disposeAll, eventually, startSession, untilEvents, type Harness } from '../helpers/harness.js';

// Contract §5: only the site's signed-out statuses sign a user out; 408, 429 and 5xx are retried; any
// other 4xx is `refused`: reported, never retried on its own, never a sign-out, the cookie untouched.
const outcome = (error: SessionTokenError) => (error.code === 'unauthorized' ? 'sign-out' : isRetryable(error) ? 'retry' : error.code);

describe('status classification', () => {
  const table: Array<[number, string, string]> = [
    // status, default signed-out-status (401), signed-out-status="401 403 404"
    [401, 'sign-out', 'sign-out'],
    [403, 'refused', 'sign-out'],
    [404, 'refused', 'sign-out'],
    [405, 'refused', 'refused'],
    [400, 'refused', 'refused'],
    [408, 'retry', 'retry'],
    [429, 'retry', 'retry'],
    [500, 'retry', 'retry'],
    [503, 'retry', 'retry'],
  ];
  const plain = tokenRequest({ endpoint: '/t' }, document);
  const listed = tokenRequest({ endpoint: '/t', signedOutStatus: [401, 403, 404] }, document);
  for (const [status, byDefault, withList] of table) {
    it(`${status}: ${byDefault} by default, ${withList} with signed-out-status="401 403 404"`, () => {
      expect(outcome(classifyStatus(status, plain, 0))).to.equal(byDefault);
      expect(outcome(classifyStatus(status, listed, 0))).to.equal(withList);
    });
  }

  it('names the likely cause and the attribute that fixes it', () => {
    expect(classifyStatus(403, plain, 0).message).to.contain('CSRF').and.contain('csrf-header').and.contain('signed-out-status');
    const csrf = tokenRequest({ endpoint: '/t', csrf: { header: 'X-CSRFToken', cookie: 'csrftoken' } }, document);
    expect(classifyStatus(403, csrf, 0).message).to.contain('check csrf-header and the token the page holds');
    expect(classifyStatus(405, plain, 0).message).to.contain('method="GET"');
    expect(classifyStatus(404, tokenRequest({ endpoint: '/t', method: 'GET' }, document), 0).message).to.contain('path').and.contain('method="POST"');
    expect(classifyStatus(403, plain, 0).status).to.equal(403);
    for (const status of [419, 422]) expect(classifyStatus(status, plain, 0).message, `${status}: Laravel's and Rails' CSRF failures`).to.contain('csrf-header');
  });

  it('refuses options that cannot work, naming them', () => {
    const bad = (options: Parameters<typeof tokenRequest>[0]) => () => tokenRequest(options, document);
    expect(bad({ endpoint: '/t', method: 'PUT' })).to.throw(/method: use GET or POST/);
    expect(bad({ endpoint: '/t', signedOutStatus: [200] })).to.throw(/signed-out-status/);
    expect(bad({ endpoint: '/t', signedOutStatus: [Number('abc')] })).to.throw(/signed-out-status/);
    expect(bad({ endpoint: '/t', csrf: { header: 'X-CSRFToken' } })).to.throw(/csrf-cookie or csrf-meta/);
  });
});

describe('statuses against a real endpoint', () => {
  afterEach(disposeAll);

  const removals = (h: Harness) => h.cookies.writes.filter((write) => 'removed' in write && write.name === 'session').length;

  for (const status of [403, 404, 405, 400]) {
    it(`answers ${status} with tokenerror refused, no sign-out, no retry, the cookie kept`, async () => {
      const h = await startSession([{}, { status }]);
      await untilEvents(h, 'tokenupdate');
      await h.clock.advance(45_000);
      await untilEvents(h, 'tokenerror');
      const [{ detail }] = h.of('tokenerror');
      expect([detail.error.code, detail.error.status, detail.willRetry]).to.deep.equal(['refused', status, false]);
      await h.clock.advance(10 * 60_000);
      expect(await h.requests()).to.equal(2);
      expect(h.of('signedout')).to.have.length(0);
      expect(removals(h)).to.equal(0);
      expect(h.cookies.values.get('session')).to.equal(h.of('tokenupdate')[0].detail.token);
      expect(h.session.status).to.equal('error');
      const error = await h.session.getToken().catch((e: SessionTokenError) => e);
      expect((error as SessionTokenError).code).to.equal('refused');
    });
  }

  it('after a refusal, tries again on refresh() and on focus, not on its own', async () => {
    const h = await startSession([{ status: 403 }, { status: 403 }]);
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(5 * 60_000);
    expect(await h.requests()).to.equal(1);
    expect((await h.session.refresh().catch((e: SessionTokenError) => e) as SessionTokenError).code).to.equal('refused');
    expect(await h.requests()).to.equal(2);
    h.signals.emit('focus');
    await untilEvents(h, 'tokenupdate');
    expect(await h.requests()).to.equal(3);
    expect(h.session.status).to.equal('signed-in');
  });

  it('reports a redirect to an HTML sign-in page as refused, not retried and no sign-out', async () => {
    const h = await startSession([{ redirect: true }]);
    await untilEvents(h, 'tokenerror');
    const [{ detail }] = h.of('tokenerror');
    expect([detail.error.code, detail.willRetry]).to.deep.equal(['refused', false]);
    expect(detail.error.message).to.contain('401');
    await h.clock.advance(5 * 60_000);
    expect(await h.requests()).to.equal(1);
    expect(h.of('signedout')).to.have.length(0);
  });

  it('signs out on 403 when signed-out-status lists it', async () => {
    const h = await startSession([{}, { status: 403 }], { signedOutStatus: [401, 403] });
    await untilEvents(h, 'tokenupdate');
    expect(await h.session.refresh()).to.equal(null);
    expect(h.of('signedout')[0].detail.reason).to.equal('unauthorized');
    expect(removals(h)).to.equal(1);
  });

  // Not 408: Chromium itself resends a request answered 408 on a reused connection, so fetch never sees it.
  for (const status of [429, 500, 503]) {
    it(`retries ${status} until a token comes`, async () => {
      const h = await startSession([{ status }]);
      await untilEvents(h, 'tokenerror');
      expect(h.of('tokenerror')[0].detail.willRetry).to.equal(true);
      await h.clock.advance(3_000);
      await untilEvents(h, 'tokenupdate');
      await eventually(async () => (await h.requests()) === 2, 'the retry');
    });
  }
});
