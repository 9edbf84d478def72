// Formatting for the one results table.

/**
 * @typedef {object} Row
 * @property {string} bench     benchmark number and name
 * @property {string} measure   what is measured
 * @property {string} ours
 * @property {string} baseline  the baseline measured in the same run ('—' when there is none)
 * @property {string} ratio     ours ÷ baseline ('—' when there is no baseline)
 * @property {string} goal
 * @property {boolean | null} met  null: no goal for this row
 */

export const bytes = (n) => `${n.toLocaleString('en-US')} B`;
export const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
export const fixed = (n, digits = 2) => n.toFixed(digits);
export const ratio = (ours, baseline, digits = 2) => (baseline > 0 ? `${(ours / baseline).toFixed(digits)}×` : '—');
export const int = (n) => Math.round(n).toLocaleString('en-US');

const columns = ['#', 'Benchmark', 'Measure', 'Ours', 'Baseline (same run)', 'Ratio', 'Goal', 'Met'];

/** @param {Row[]} rows */
export function renderTable(rows) {
  const cells = rows.map((row) => [
    row.bench.split(' ')[0],
    row.bench.split(' ').slice(1).join(' '),
    row.measure,
    row.ours,
    row.baseline,
    row.ratio,
    row.goal,
    row.met === null ? '—' : row.met ? '✅' : '❌',
  ]);
  const escape = (cell) => String(cell).replace(/\|/g, '\\|');
  const line = (values) => `| ${values.map(escape).join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...cells.map(line)].join('\n');
}

/**
 * One row per measure, one column per engine: "ours (baseline) ✅". The measure is the first engine's,
 * without its parenthesised counts (they differ by engine).
 * @param {Record<string, Row[]>} rowsByEngine  each engine's rows of the same benchmarks, in the same order
 * @param {Record<string, string>} versions
 */
export function renderEngineTable(rowsByEngine, versions) {
  const engines = Object.keys(rowsByEngine);
  const [first] = Object.values(rowsByEngine);
  const header = ['#', 'Benchmark', 'Measure', ...engines.map((engine) => versions[engine] ?? engine), 'Goal'];
  const cell = (row) => (row ? `${row.ours}${row.baseline === '—' ? '' : ` (${row.baseline})`}${row.met === null ? '' : row.met ? ' ✅' : ' ❌'}` : '—');
  const escape = (value) => String(value).replace(/\|/g, '\\|');
  const line = (values) => `| ${values.map(escape).join(' | ')} |`;
  const lines = first.map((row, i) => line([
    row.bench.split(' ')[0],
    row.bench.split(' ').slice(1).join(' '),
    row.measure.replace(/\(s\)/g, 's').replace(/ \([^()]*\)/g, ''),
    ...engines.map((engine) => cell(rowsByEngine[engine][i])),
    row.goal,
  ]));
  return [line(header), line(header.map(() => '---')), ...lines].join('\n');
}
