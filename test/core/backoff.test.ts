import { expect } from '@open-wc/testing';
import { budgetSpent, defaultBackoff, parseRetryAfter, retryDelay } from '../../src/core/backoff.js';

const exact = { ...defaultBackoff, jitter: 0 };
const top = () => 0.999_999;

describe('backoff schedule', () => {
  it('retries quickly 3 s, 4.65 s and 7.2 s after a failure, then once per 30–60 s cool-down', () => {
    const delays = Array.from({ length: 6 }, (_, retry) => retryDelay(exact, retry, 0, top));
    expect(delays).to.deep.equal([3000, 4650, 7208, 60000, 60000, 60000]);
    expect([0, 1, 2, 3, 9].map((retry) => budgetSpent(exact, retry))).to.deep.equal([false, false, false, true, true]);
  });

  it('draws each cool-down between half of it and all of it, whatever the quick retries\' jitter', () => {
    for (const jitter of [0, 1, 0.5, 0.25]) {
      expect(retryDelay({ ...defaultBackoff, jitter }, 3, 0, () => 0)).to.equal(30_000);
      expect(retryDelay({ ...defaultBackoff, jitter }, 40, 0, () => 0.5)).to.equal(45_000);
    }
  });

  it('by default draws each quick retry between three quarters of the schedule and all of it', () => {
    expect(defaultBackoff.jitter).to.equal(0.25);
    for (let i = 0; i < 100; i++) expect(retryDelay(defaultBackoff, 1)).to.be.within(3488, 4650);
    expect(retryDelay(defaultBackoff, 0, 0, () => 0)).to.equal(2250);
    expect(retryDelay(defaultBackoff, 0, 0, () => 0.5)).to.equal(2625);
  });

  it('with equal or full jitter, waits between half (or none) of the delay and all of it', () => {
    expect(retryDelay({ ...defaultBackoff, jitter: 0.5 }, 0, 0, () => 0)).to.equal(1500);
    expect(retryDelay({ ...defaultBackoff, jitter: 1 }, 0, 0, () => 0)).to.equal(0);
    expect(retryDelay({ ...defaultBackoff, jitter: 1 }, 1, 0, top)).to.equal(4650);
  });

  it('waits as long as Retry-After asks when that is longer', () => {
    expect(retryDelay(defaultBackoff, 0, 7000)).to.equal(7000);
    expect(retryDelay(defaultBackoff, 5, 120_000)).to.equal(120_000);
    expect(retryDelay(defaultBackoff, 0, 1000, top)).to.equal(3000);
  });

  it('never calls random() for a quick retry without jitter', () => {
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
