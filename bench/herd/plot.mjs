// herd.svg: small multiples, one column per outage length. Top row: requests/s at the endpoint as a multiple
// of the schedule's steady state; bottom row: % of sessions holding a valid token. Time is in seconds
// relative to the recovery, the same window in every column, so the columns compare at a glance.
// Hand-written SVG: no plotting dependency for one figure.

const WIDTH = 1200;
const HEIGHT = 500;
const LEFT = 62;
const RIGHT = 16;
const GAP = 16;
const ROWS = { requests: { top: 74, height: 230 }, valid: { top: 334, height: 110 } };
const COLORS = { default: '#e8590c', '0.2': '#1f4e99' };
const LABELS = { default: 'default (no caller waiting: the refresh interval)', '0.2': 'version 0.2 (3 quick retries after every failure)' };

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const scale = (d0, d1, r0, r1) => (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
const length = (s) => (s < 60 ? `${s} s` : `${s / 60} min`);

function polyline(values, fromS, toS, x, y, yMax, color) {
  const points = [];
  for (let s = fromS; s < toS; s++) points.push(`${x(s).toFixed(1)},${y(Math.min(values(s), yMax)).toFixed(1)}`);
  return `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="1.1" stroke-linejoin="round" opacity="0.9"/>`;
}

/** One row of one column: frame, outage shading, grid, reference lines, one line per run. */
function cell({ left, width, row, fromS, toS, outage, yMax, yStep, yTicks, references, series, x }) {
  const { top, height } = row;
  const y = scale(0, yMax, top + height, top);
  const parts = [];
  const shadeFrom = x(Math.max(outage.startS, fromS));
  parts.push(`<rect x="${shadeFrom}" y="${top}" width="${x(outage.endS) - shadeFrom}" height="${height}" fill="#f3d6d6"/>`);
  for (let value = 0; value <= yMax + 1e-9; value += yStep) {
    parts.push(`<line x1="${left}" x2="${left + width}" y1="${y(value)}" y2="${y(value)}" class="grid"/>`);
    if (yTicks) parts.push(`<text x="${left - 5}" y="${y(value) + 4}" text-anchor="end" class="tick">${yTicks(value)}</text>`);
  }
  for (const { value, dash } of references) parts.push(`<line x1="${left}" x2="${left + width}" y1="${y(value)}" y2="${y(value)}" class="ref" stroke-dasharray="${dash}"/>`);
  for (const { values, color } of series) parts.push(polyline(values, fromS, toS, x, y, yMax, color));
  parts.push(`<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="none" class="axis"/>`);
  return parts.join('\n');
}

/**
 * `panels`: [{ lengthS, outage, runs: [{ name, run, steadyRate }] }], each shown from `beforeS` before its
 * recovery to `afterS` after it; `capacityX` drawn as the capacity line.
 */
export function renderPlot({ panels, n, capacityX, beforeS, afterS }) {
  const width = (WIDTH - LEFT - RIGHT - GAP * (panels.length - 1)) / panels.length;
  let peak = 0;
  for (const { outage, runs } of panels) {
    for (const { run, steadyRate } of runs) for (let s = outage.endS - beforeS; s < outage.endS + afterS; s++) peak = Math.max(peak, run.requests[s] / steadyRate);
  }
  const yMax = Math.ceil(peak);
  const columns = panels.map(({ lengthS, outage, runs }, i) => {
    const left = LEFT + i * (width + GAP);
    const fromS = outage.endS - beforeS;
    const toS = outage.endS + afterS;
    const x = scale(fromS, toS, left, left + width);
    const common = { left, width, fromS, toS, outage, x };
    const requests = cell({
      ...common, row: ROWS.requests, yMax, yStep: 1, yTicks: i === 0 && ((v) => `${v}×`),
      references: [{ value: 1, dash: '2 3' }, { value: capacityX, dash: '7 4' }],
      series: runs.map(({ name, run, steadyRate }) => ({ color: COLORS[name], values: (s) => run.requests[s] / steadyRate })),
    });
    const valid = cell({
      ...common, row: ROWS.valid, yMax: 100, yStep: 25, yTicks: i === 0 && ((v) => `${v} %`),
      references: [{ value: 99, dash: '2 3' }],
      series: runs.map(({ name, run }) => ({ color: COLORS[name], values: (s) => (100 * run.valid[s]) / n })),
    });
    const ticks = [];
    for (let rel = 0; rel <= afterS; rel += 180) {
      const at = x(outage.endS + rel);
      const bottom = ROWS.valid.top + ROWS.valid.height;
      ticks.push(`<line x1="${at}" x2="${at}" y1="${bottom}" y2="${bottom + 4}" class="axis"/><text x="${at}" y="${bottom + 16}" text-anchor="middle" class="tick">${rel > 0 ? '+' : ''}${rel}</text>`);
    }
    const recovery = `<line x1="${x(outage.endS)}" x2="${x(outage.endS)}" y1="${ROWS.requests.top}" y2="${ROWS.valid.top + ROWS.valid.height}" class="recovery"/>`;
    const title = `<text x="${left + width / 2}" y="${ROWS.requests.top - 8}" text-anchor="middle" class="label">${escape(`${length(lengthS)} outage`)}</text>`;
    return [title, requests, valid, recovery, ...ticks].join('\n');
  });
  const legend = ['default', '0.2'].map((name, i) => {
    const lx = LEFT + i * 360;
    return `<line x1="${lx}" x2="${lx + 22}" y1="44" y2="44" stroke="${COLORS[name]}" stroke-width="3"/><text x="${lx + 28}" y="48" class="legend">${escape(LABELS[name])}</text>`;
  });
  const middle = (row) => row.top + row.height / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif">
<style>
  .grid { stroke: #e6e6e6; stroke-width: 1 }
  .axis { stroke: #555; stroke-width: 1 }
  .ref { stroke: #777; stroke-width: 1.1 }
  .recovery { stroke: #333; stroke-width: 1; stroke-dasharray: 1 2 }
  .tick { font-size: 11px; fill: #444 }
  .label { font-size: 12.5px; fill: #222 }
  .legend { font-size: 12px; fill: #222 }
  .title { font-size: 15px; font-weight: 600; fill: #111 }
</style>
<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>
<text x="${LEFT}" y="22" class="title">${escape(`${n.toLocaleString('en-US')} sessions, outage (shaded) then capacity ${capacityX}× steady state: default schedule vs version 0.2`)}</text>
${legend.join('\n')}
<text x="${WIDTH - RIGHT}" y="48" text-anchor="end" class="tick">dotted: steady state (top), 99 % (bottom) · dashed: capacity</text>
${columns.join('\n')}
<text transform="translate(14 ${middle(ROWS.requests)}) rotate(-90)" text-anchor="middle" class="label">requests/s (× steady state)</text>
<text transform="translate(14 ${middle(ROWS.valid)}) rotate(-90)" text-anchor="middle" class="label">% valid token</text>
<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${HEIGHT - 12}" text-anchor="middle" class="label">seconds since the endpoint recovered</text>
</svg>
`;
}
