// Turns a run's per-second series into the figures of the results table.

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

/** Steady state over [fromS, end): mean and peak requests/s, requests per token, per session per lifetime. */
export function steadyState(run, fromS, lifetimeS) {
  const seconds = run.requests.length - fromS;
  const requests = sum(run.requests, fromS, run.requests.length);
  const rate = requests / seconds;
  return {
    rate,
    peakSecond: max(run.requests, fromS, run.requests.length),
    perToken: requests / sum(run.served, fromS, run.served.length),
    perSessionPerLifetime: (rate * lifetimeS) / run.n,
  };
}

/**
 * After an outage that ends at `recoveryS`: the peak second in the next `windowS` seconds, when 99% of
 * sessions hold a valid token again, who saw a final failure, and how long the endpoint stays saturated.
 */
export function recovery(run, recoveryS, windowS) {
  const target = Math.ceil(run.n * 0.99);
  let validAt = -1;
  for (let k = recoveryS; k < run.valid.length && validAt < 0; k++) if (run.valid[k] >= target) validAt = k;
  let saturatedSeconds = 0;
  let lastSaturated = -1;
  for (let k = recoveryS; k < run.rejected.length; k++) {
    if (run.rejected[k] > 0) {
      saturatedSeconds++;
      lastSaturated = k;
    }
  }
  return {
    peak: max(run.requests, recoveryS, recoveryS + windowS),
    to99: validAt < 0 ? null : validAt - recoveryS,
    horizonAfterRecovery: run.valid.length - recoveryS,
    finalFailures: run.sawFinalFailure,
    saturatedSeconds,
    saturatedUntil: lastSaturated < 0 ? null : lastSaturated + 1 - recoveryS,
    rejected: sum(run.rejected, recoveryS, run.rejected.length),
  };
}
