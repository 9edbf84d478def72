import { expect } from '@open-wc/testing';
import { defaultBackoff, parseRetryAfter, retryDelay } from '../../src/core/backoff.js';

const exact = { ...defaultBackoff, jitter: 'none' as const };

describe('backoff schedule', () => {
  it('waits 3 s before the first retry, then grows by 1.55 up to 50 s, for 8 retries', () => {
    const delays = Array.from({ length: 9 }, (_, retry) => retryDelay(exact, retry));
    expect(delays).to.deep.equal([3000, 4650, 7208, 11172, 17316, 26840, 41602, 50000, null]);
  });

  it('spends about three minutes in all', () => {
    let total = 0;
    for (let retry = 0, delay = retryDelay(exact, 0); delay !== null; delay = retryDelay(exact, ++retry)) total += delay;
    expect(total).to.be.within(150_000, 180_000);
  });

  it('by default draws each delay between three quarters of the schedule and all of it', () => {
    expect(defaultBackoff.jitter).to.equal('quarter');
    for (let i = 0; i < 100; i++) expect(retryDelay(defaultBackoff, 1)).to.be.within(3488, 4650);
  });

  it('waits as long as Retry-After asks when that is longer', () => {
    expect(retryDelay(defaultBackoff, 0, 7000)).to.equal(7000);
    expect(retryDelay(defaultBackoff, 7, 60_000)).to.equal(60_000);
  });

  it('with equal jitter, waits between half of the delay and all of it', () => {
    const equal = { ...defaultBackoff, jitter: 'equal' as const };
    expect(retryDelay(equal, 0, 0, () => 0)).to.equal(1500);
    expect(retryDelay(equal, 0, 0, () => 0.5)).to.equal(2250);
    expect(retryDelay(equal, 7, 0, () => 0.999999)).to.equal(50000);
    expect(retryDelay(equal, 8, 0, () => 0.5)).to.equal(null);
    expect(retryDelay(equal, 0, 7000, () => 0)).to.equal(7000);
  });

  it('with quarter jitter, waits between three quarters of the delay and all of it, so the retry window stays over two minutes', () => {
    const quarter = { ...defaultBackoff, jitter: 'quarter' as const };
    expect(retryDelay(quarter, 0, 0, () => 0)).to.equal(2250);
    expect(retryDelay(quarter, 0, 0, () => 0.5)).to.equal(2625);
    expect(retryDelay(quarter, 7, 0, () => 0.999999)).to.equal(50000);
    expect(retryDelay(quarter, 8, 0, () => 0.5)).to.equal(null);
    let shortest = 0;
    for (let retry = 0; retry < quarter.maxRetries; retry++) shortest += retryDelay(quarter, retry, 0, () => 0)!;
    expect(shortest).to.be.above(120_000);
  });

  it('never calls random() without jitter', () => {
    const random = () => {
      throw new Error('random() called');
    };
    expect(retryDelay(exact, 0, 0, random)).to.equal(3000);
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    expect(parseRetryAfter('7', now)).to.equal(7000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).to.equal(30_000);
    expect(parseRetryAfter('soon', now)).to.equal(0);
    expect(parseRetryAfter(null, now)).to.equal(0);
  });
});
