// Turns a run's per-second series into the figures of the results tables.

const sum = (series, from, to) => {
  let total = 0;
  for (let k = from; k < Math.min(to, series.length); k++) total += series[k];
  return total;
};

const max = (series, from, to) => {
  let best = 0;
  for (let k = from; k < Math.min(to, series.length); k++) best = Math.max(best, series[k]);
  return best;
};

/** Steady state over [fromS, end): mean and peak requests/s, requests per token, per session per minute. */
export function steadyState(run, fromS) {
  const seconds = run.requests.length - fromS;
  const requests = sum(run.requests, fromS, run.requests.length);
  const rate = requests / seconds;
  return {
    rate,
    peakSecond: max(run.requests, fromS, run.requests.length),
    perToken: requests / sum(run.served, fromS, run.served.length),
    perSessionPerMinute: (rate * 60) / run.n,
  };
}

/**
 * An outage scenario, against `steadyRate`: during the outage, the mean rate over its last minute and its
 * peak second; after it, the peak second within `windowS` and after that window, the seconds until 99 % of
 * sessions hold a valid token, and the 503s for capacity. `waiting` and `lapses` come from the run itself.
 */
export function outageFigures(run, outage, windowS, steadyRate) {
  const { startS, endS } = outage;
  const lastMinuteFrom = Math.max(startS, endS - 60);
  const target = Math.ceil(run.n * 0.99);
  let validAt = -1;
  for (let k = endS; k < run.valid.length && validAt < 0; k++) if (run.valid[k] >= target) validAt = k;
  const peakRate = max(run.requests, endS, endS + windowS);
  return {
    peakRate,
    peak: peakRate / steadyRate,
    // Long after the peak window: a herd that recovered in step and refreshes in step still shows here.
    latePeak: max(run.requests, endS + windowS, run.requests.length) / steadyRate,
    valid99: validAt < 0 ? null : validAt - endS,
    observedS: run.valid.length - endS,
    waiting: run.waiting,
    duringMean: sum(run.requests, lastMinuteFrom, endS) / (endS - lastMinuteFrom) / steadyRate,
    duringPeak: max(run.requests, startS, endS) / steadyRate,
    lapses: run.lapses,
    // Every second some session spent without a usable token, from the outage's start: what users could see.
    tokenlessMinutes: (run.n * (run.valid.length - startS) - sum(run.valid, startS, run.valid.length)) / 60,
    rejected: sum(run.rejected, endS, run.rejected.length),
  };
}
