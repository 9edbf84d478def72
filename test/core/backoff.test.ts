import { expect } from '@open-wc/testing';
import { budgetSpent, defaultBackoff, MAX_RETRY_WAIT_MS, nextDelay, parseRetryAfter, retryDelay, type RetryCase } from '../../src/core/backoff.js';

const exact = { ...defaultBackoff, jitter: 0 };
const top = () => 0.999_999;
const noDraw = () => {
  throw new Error('random() called');
};
/** A failure with callers waiting (none holds a usable token). */
const waiting = (retry: number, retryAfterMs = 0): RetryCase => ({ retry, callersWaiting: true, refreshIntervalMs: 0, retryAfterMs });
/** A failure nobody waits on, of a session whose poller refreshed its token after `refreshIntervalMs`. */
const noHurry = (retry: number, refreshIntervalMs: number, retryAfterMs = 0): RetryCase => ({ retry, callersWaiting: false, refreshIntervalMs, retryAfterMs });
const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY_S = 24 * 60 * 60;

describe('backoff schedule', () => {
  it('retries quickly 3 s, 4.65 s and 7.2 s after a failure while callers wait, then once per 30–60 s cool-down', () => {
    const delays = Array.from({ length: 6 }, (_, retry) => nextDelay(exact, waiting(retry), top));
    expect(delays).to.deep.equal([3000, 4650, 7208, 60000, 60000, 60000]);
    expect([0, 1, 2, 3, 9].map((retry) => budgetSpent(exact, retry))).to.deep.equal([false, false, false, true, true]);
    expect(retryDelay(exact, 1, 0, top), 'retryDelay() is the schedule with callers waiting').to.equal(4650);
  });

  it('with no caller waiting, tries again when its next refresh would have come, whatever the retry and the draw', () => {
    for (const retry of [0, 1, 2, 3, 40]) {
      expect(nextDelay(defaultBackoff, noHurry(retry, 47_300), noDraw), `retry ${retry}`).to.equal(47_300);
    }
    // The bounds of the cool-down are inside.
    expect(nextDelay(defaultBackoff, noHurry(0, 30_000), noDraw)).to.equal(30_000);
    expect(nextDelay(defaultBackoff, noHurry(0, 60_000), noDraw)).to.equal(60_000);
  });

  it('with no caller waiting and a refresh interval outside 30–60 s (or none), draws the wait in 30–60 s', () => {
    for (const interval of [0, 20_000, 29_999, 60_001, 50 * 60_000]) {
      expect(nextDelay(defaultBackoff, noHurry(0, interval), () => 0), `${interval} ms`).to.equal(30_000);
      expect(nextDelay(defaultBackoff, noHurry(0, interval), () => 0.5), `${interval} ms`).to.equal(45_000);
    }
  });

  it('once the quick retries are spent, keeps the refresh interval even with callers waiting', () => {
    expect(nextDelay(defaultBackoff, { ...waiting(3), refreshIntervalMs: 48_000 }, noDraw)).to.equal(48_000);
    expect(nextDelay(exact, { ...waiting(2), refreshIntervalMs: 48_000 }, noDraw)).to.equal(7208);
  });

  it('draws each cool-down between half of it and all of it, whatever the quick retries\' jitter', () => {
    for (const jitter of [0, 1, 0.5, 0.25]) {
      expect(nextDelay({ ...defaultBackoff, jitter }, waiting(3), () => 0)).to.equal(30_000);
      expect(nextDelay({ ...defaultBackoff, jitter }, waiting(40), () => 0.5)).to.equal(45_000);
    }
  });

  it('by default draws each quick retry between three quarters of the schedule and all of it', () => {
    expect(defaultBackoff.jitter).to.equal(0.25);
    for (let i = 0; i < 100; i++) expect(nextDelay(defaultBackoff, waiting(1))).to.be.within(3488, 4650);
    expect(nextDelay(defaultBackoff, waiting(0), () => 0)).to.equal(2250);
    expect(nextDelay(defaultBackoff, waiting(0), () => 0.5)).to.equal(2625);
  });

  it('with equal or full jitter, waits between half (or none) of the delay and all of it', () => {
    expect(nextDelay({ ...defaultBackoff, jitter: 0.5 }, waiting(0), () => 0)).to.equal(1500);
    expect(nextDelay({ ...defaultBackoff, jitter: 1 }, waiting(0), () => 0)).to.equal(0);
    expect(nextDelay({ ...defaultBackoff, jitter: 1 }, waiting(1), top)).to.equal(4650);
  });

  it('never calls random() for a quick retry without jitter', () => {
    expect(nextDelay(exact, waiting(0), noDraw)).to.equal(3000);
  });
});

describe('backoff schedule: Retry-After', () => {
  it('waits as long as Retry-After asks when that is longer', () => {
    expect(nextDelay(defaultBackoff, waiting(0, 7000))).to.equal(7000);
    expect(nextDelay(defaultBackoff, waiting(5, 120_000))).to.equal(120_000);
    expect(nextDelay(defaultBackoff, noHurry(0, 47_000, 90_000), noDraw)).to.equal(90_000);
    expect(nextDelay(defaultBackoff, waiting(0, 1000), top)).to.equal(3000);
  });

  it('waits at most 10 minutes, whatever the server asks', () => {
    expect(MAX_RETRY_WAIT_MS).to.equal(10 * 60_000);
    for (const asked of [10 * 60_000 + 1, 30 * DAY_S * 1000, 2 ** 31, 1e23, Infinity]) {
      expect(nextDelay(defaultBackoff, waiting(0, asked), top), `${asked} ms`).to.equal(MAX_RETRY_WAIT_MS);
      expect(nextDelay(defaultBackoff, noHurry(0, 47_000, asked), noDraw), `${asked} ms`).to.equal(MAX_RETRY_WAIT_MS);
    }
  });

  it('reads a nonsensical Retry-After as none: the schedule\'s own delay, never an immediate retry', () => {
    for (const asked of [0, -5_000, -Infinity, Number.NaN]) {
      expect(nextDelay(defaultBackoff, waiting(0, asked), top), `${asked} ms`).to.equal(3000);
      expect(nextDelay(defaultBackoff, noHurry(0, 47_000, asked), noDraw), `${asked} ms`).to.equal(47_000);
    }
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7', now)).to.equal(7000);
    expect(parseRetryAfter(' 120 ', now)).to.equal(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).to.equal(30_000);
    expect(parseRetryAfter('soon', now)).to.equal(0);
    expect(parseRetryAfter('', now)).to.equal(0);
    expect(parseRetryAfter(null, now)).to.equal(0);
  });

  it('caps a Retry-After of 30 days (in seconds or as a date), or a huge number, at 10 minutes', () => {
    for (const header of [String(30 * DAY_S), new Date(now + 30 * DAY_S * 1000).toUTCString(), '99999999999999999999', '601', 'Fri, 31 Dec 9999 23:59:59 GMT']) {
      expect(parseRetryAfter(header, now), header).to.equal(MAX_RETRY_WAIT_MS);
    }
  });

  it('reads a negative, fractional, past or garbled Retry-After (or a date not in HTTP form) as none', () => {
    for (const header of ['-5', '-99999999999999999999', '1.5', '1e3', '0x10', '2100-01-01', new Date(now - 60_000).toUTCString(), 'Thu, 01 Jan 1970 00:00:00 GMT', '🙂', '12 s']) {
      expect(parseRetryAfter(header, now), header).to.equal(0);
    }
  });

  it('turns any Retry-After into a wait between the schedule\'s and 10 minutes, never past what setTimeout holds', () => {
    const headers = ['0', '1', '7', '99999999999999999999', String(30 * DAY_S), new Date(now + 30 * DAY_S * 1000).toUTCString(), '-1', 'garbage', new Date(now - 1).toUTCString()];
    for (const header of headers) {
      const delay = nextDelay(defaultBackoff, waiting(0, parseRetryAfter(header, now)), () => 0);
      expect(delay, header).to.be.within(2250, MAX_RETRY_WAIT_MS);
      expect(delay, header).to.be.below(2 ** 31 - 1);
    }
  });
});
