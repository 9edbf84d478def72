// herd.svg: requests/s and valid sessions over time around the outage, one line per schedule.
// Hand-written SVG: two stacked panels sharing the time axis (seconds relative to the recovery).

const WIDTH = 900;
const HEIGHT = 500;
const LEFT = 70;
/** Room on the right for the reference lines' labels. */
const RIGHT = 115;
const COLORS = { none: '#222222', full: '#1f77b4', equal: '#2ca02c', quarter: '#e8590c' };

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (value) => Math.round(value).toLocaleString('en-US');

/** A linear scale from [d0, d1] to [r0, r1]. */
const scale = (d0, d1, r0, r1) => (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);

/** A round step giving about `count` ticks over `span`. */
function tickStep(span, count) {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((step) => step >= raw);
}

/** One panel: axes, grid, shaded outage, reference lines, one polyline per run. */
function panel({ top, height, fromS, toS, x, yMax, yLabel, yFormat, series, references, outage, outageLabel = false }) {
  const y = scale(0, yMax, top + height, top);
  const parts = [];
  parts.push(`<rect x="${x(outage.startS)}" y="${top}" width="${x(outage.endS) - x(outage.startS)}" height="${height}" fill="#f3d6d6"/>`);
  if (outageLabel) parts.push(`<text x="${(x(outage.startS) + x(outage.endS)) / 2}" y="${top + height - 8}" text-anchor="middle" class="note">outage (every request fails)</text>`);
  const yStep = tickStep(yMax, 5);
  for (let value = 0; value <= yMax + 1e-9; value += yStep) {
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(value)}" y2="${y(value)}" class="grid"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${y(value) + 4}" text-anchor="end" class="tick">${yFormat(value)}</text>`);
  }
  for (const { value, label, dash } of references) {
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(value)}" y2="${y(value)}" class="ref" stroke-dasharray="${dash}"/>`);
    parts.push(`<text x="${WIDTH - RIGHT + 6}" y="${y(value) + 4}" class="note">${escape(label)}</text>`);
  }
  for (const { name, values } of series) {
    const points = [];
    for (let s = fromS; s < toS; s++) points.push(`${x(s).toFixed(1)},${y(Math.min(values[s], yMax)).toFixed(1)}`);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS[name]}" stroke-width="1.3" stroke-linejoin="round" opacity="0.85"/>`);
  }
  parts.push(`<line x1="${LEFT}" x2="${LEFT}" y1="${top}" y2="${top + height}" class="axis"/>`);
  parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${top + height}" y2="${top + height}" class="axis"/>`);
  parts.push(`<text transform="translate(16 ${top + height / 2}) rotate(-90)" text-anchor="middle" class="label">${escape(yLabel)}</text>`);
  return parts.join('\n');
}

/**
 * `runs`: [{ name, run }] for one outage scenario; `outage` in simulation seconds; `steadyRate` and
 * `capacity` drawn as reference lines.
 */
export function renderPlot({ title, runs, outage, steadyRate, capacity, n, fromS, toS }) {
  const x = scale(fromS, toS, LEFT, WIDTH - RIGHT);
  const peak = Math.max(...runs.map(({ run }) => Math.max(...run.requests.slice(fromS, toS))));
  const top = panel({
    top: 50, height: 255, fromS, toS, x, outage, outageLabel: true,
    yMax: Math.ceil(peak / 2000) * 2000,
    yLabel: 'requests / s at the endpoint',
    yFormat: fmt,
    series: runs.map(({ name, run }) => ({ name, values: run.requests })),
    references: [
      { value: steadyRate, label: `steady ${fmt(steadyRate)}/s`, dash: '2 3' },
      ...(Number.isFinite(capacity) ? [{ value: capacity, label: `capacity ${fmt(capacity)}/s`, dash: '8 4' }] : []),
    ],
  });
  const bottom = panel({
    top: 340, height: 110, fromS, toS, x, outage,
    yMax: 100,
    yLabel: '% valid token',
    yFormat: (v) => `${v}`,
    series: runs.map(({ name, run }) => ({ name, values: Array.from(run.valid, (count) => (100 * count) / n) })),
    references: [],
  });
  const ticks = [];
  const step = tickStep(toS - fromS, 10);
  for (let rel = Math.ceil((fromS - outage.endS) / step) * step; outage.endS + rel <= toS; rel += step) {
    const at = x(outage.endS + rel);
    ticks.push(`<line x1="${at}" x2="${at}" y1="450" y2="455" class="axis"/><text x="${at}" y="468" text-anchor="middle" class="tick">${rel > 0 ? '+' : ''}${rel}</text>`);
  }
  const legend = runs.map(({ name }, i) => {
    const lx = LEFT + 10 + i * 120;
    return `<line x1="${lx}" x2="${lx + 22}" y1="36" y2="36" stroke="${COLORS[name]}" stroke-width="3"/><text x="${lx + 28}" y="40" class="legend">jitter: ${escape(name)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif">
<style>
  .grid { stroke: #e6e6e6; stroke-width: 1 }
  .axis { stroke: #555; stroke-width: 1 }
  .ref { stroke: #777; stroke-width: 1.2 }
  .tick { font-size: 11px; fill: #444 }
  .note { font-size: 11px; fill: #666 }
  .label { font-size: 12px; fill: #333 }
  .legend { font-size: 12px; fill: #222 }
  .title { font-size: 15px; font-weight: 600; fill: #111 }
</style>
<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>
<text x="${LEFT}" y="20" class="title">${escape(title)}</text>
${legend.join('\n')}
${top}
${bottom}
${ticks.join('\n')}
<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="490" text-anchor="middle" class="label">seconds since the endpoint recovered</text>
</svg>
`;
}
