import { expect } from '@open-wc/testing';
import { defaultBackoff, parseRetryAfter, retryDelay } from '../../src/core/backoff.js';

describe('backoff schedule', () => {
  it('waits 3 s before the first retry, then grows by 1.55 up to 50 s, for 8 retries', () => {
    const delays = Array.from({ length: 9 }, (_, retry) => retryDelay(defaultBackoff, retry));
    expect(delays).to.deep.equal([3000, 4650, 7208, 11172, 17316, 26840, 41602, 50000, null]);
  });

  it('spends about three minutes in all', () => {
    let total = 0;
    for (let retry = 0, delay = retryDelay(defaultBackoff, 0); delay !== null; delay = retryDelay(defaultBackoff, ++retry)) total += delay;
    expect(total).to.be.within(150_000, 180_000);
  });

  it('waits as long as Retry-After asks when that is longer', () => {
    expect(retryDelay(defaultBackoff, 0, 7000)).to.equal(7000);
    expect(retryDelay(defaultBackoff, 7, 7000)).to.equal(50000);
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    expect(parseRetryAfter('7', now)).to.equal(7000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).to.equal(30_000);
    expect(parseRetryAfter('soon', now)).to.equal(0);
    expect(parseRetryAfter(null, now)).to.equal(0);
  });
});
