/**
 * The results: a summary line and a table of rows (score, p-value, flag, the columns behind the
 * score, and the file's columns the model does not read), most anomalous first, sortable by row,
 * score or p-value from the column headers. Built with DOM calls only: CSV text never becomes HTML.
 */
import type { ColumnContribution } from '@novae/runtime';
import { otherColumns } from './csv.js';
import type { LoadedModel, Scored } from './score.js';

/** Rows beyond this many are left out of the table (the summary still counts them). */
export const MAX_SHOWN_ROWS = 1000;
/** Explained columns per row, at most; columns carrying under 1 % of the excess are left out. */
const TOP_COLUMNS = 3;
const MIN_SHARE = 0.01;
/** File columns the model ignores (labels, ids) shown beside the scores, at most. */
const MAX_OTHER_COLUMNS = 3;

type SortKey = 'row' | 'score' | 'pValue';
interface Sort {
  key: SortKey;
  descending: boolean;
}
/** The first click on a header sorts most anomalous first (or in file order, for the row). */
const FIRST_DESCENDING: Record<SortKey, boolean> = { row: false, score: true, pValue: false };

type Child = Node | string;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const integer = new Intl.NumberFormat('en-US');

/** A value as a person reads it: numbers to 4 significant digits (no exponent for everyday sizes). */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value) || Math.abs(value) >= 1000) return integer.format(Math.round(value * 100) / 100);
    return String(Number(value.toPrecision(4)));
  }
  if (value === undefined || value === null || value === '') return '(missing)';
  return String(value);
}

function formatPValue(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${integer.format(Math.round(ms))} ms`;
}

/** "amount 812.5 → 43.2 61%": what the row had, what the model expected, the share of the excess. */
function explanationItem(c: ColumnContribution): HTMLLIElement {
  const seen = formatValue(c.seen);
  const expected = formatValue(c.expected);
  return el('li', { title: `${c.score.toFixed(2)} nats above a typical normal row` },
    el('span', { class: 'column' }, c.column), ' ',
    el('span', { class: 'seen' }, seen),
    seen === expected ? '' : el('span', { class: 'expected' }, ` → ${expected}`), ' ',
    el('span', { class: 'share' }, `${Math.round(c.share * 100)}%`));
}

function summaryLine(model: LoadedModel, scored: Scored): HTMLParagraphElement {
  const { result, table, flagged } = scored;
  const n = result.length;
  const percentile = Number((model.detector.manifest.calibration.q * 100).toFixed(2));
  const rule = `score > ${result.threshold.toFixed(2)}, the ${percentile}th percentile of held-out normal rows`;
  return el('p', {
    id: 'summary', 'data-rows': String(n), 'data-flagged': String(flagged), 'data-backend': model.detector.backend,
  },
  el('strong', {}, `${integer.format(n)} rows`), ` of ${table.name} scored with ${model.name}: `,
  el('strong', { class: flagged > 0 ? 'flag' : '' }, `${integer.format(flagged)} flagged`), ` (${rule}). `,
  `Backend ${model.detector.backend}; ${formatMs(model.loadMs + scored.scoreMs)} `,
  `(model load ${formatMs(model.loadMs)} + scoring ${formatMs(scored.scoreMs)}).`);
}

function order(scored: Scored, sort: Sort): number[] {
  const { scores } = scored.result;
  const rows = Array.from({ length: scored.result.length }, (_, i) => i);
  // p-values fall as scores rise, so both sort by score; ties keep file order.
  const sign = sort.key === 'pValue' ? (sort.descending ? 1 : -1) : (sort.descending ? -1 : 1);
  if (sort.key === 'row') return sort.descending ? rows.reverse() : rows;
  return rows.sort((a, b) => sign * (scores[a]! - scores[b]!) || a - b);
}

function bodyRows(scored: Scored, sort: Sort, others: string[]): HTMLTableRowElement[] {
  const { result, table } = scored;
  return order(scored, sort).slice(0, MAX_SHOWN_ROWS).map((i, rank) => {
    const why = result.explain(i, TOP_COLUMNS).columns.filter((c) => c.share >= MIN_SHARE);
    const flagged = result.isAnomaly[i]!;
    return el('tr', { 'data-row': String(i), 'data-score': String(result.scores[i]), class: flagged ? 'flagged' : '' },
      el('td', { class: 'num dim' }, String(rank + 1)),
      el('td', { class: 'num', title: `line ${table.lines[i]} of ${table.name}` }, String(i + 1)),
      el('td', { class: 'num' }, result.scores[i]!.toFixed(2)),
      el('td', { class: 'num' }, formatPValue(result.pValues[i]!)),
      el('td', { class: 'verdict' }, flagged ? 'anomaly' : ''),
      el('td', {}, why.length > 0 ? el('ol', { class: 'why' }, ...why.map(explanationItem)) : el('span', { class: 'dim' }, 'no column stands out')),
      ...others.map((c) => el('td', { class: 'other' }, table.records[i]![c] ?? '')));
  });
}

/** Render the summary and the table into `container` (replacing what was there). */
export function renderResults(container: HTMLElement, model: LoadedModel, scored: Scored): void {
  const others = otherColumns(scored.table, model.columns).slice(0, MAX_OTHER_COLUMNS);
  let sort: Sort = { key: 'score', descending: true };
  const tbody = el('tbody');
  const headers: Record<SortKey, HTMLTableCellElement> = {} as Record<SortKey, HTMLTableCellElement>;

  const sortable = (key: SortKey, label: string, title: string): HTMLTableCellElement => {
    const button = el('button', { type: 'button', title }, label);
    button.addEventListener('click', () => {
      sort = sort.key === key ? { key, descending: !sort.descending } : { key, descending: FIRST_DESCENDING[key] };
      draw();
    });
    return (headers[key] = el('th', { class: 'num' }, button));
  };

  const draw = (): void => {
    tbody.replaceChildren(...bodyRows(scored, sort, others));
    for (const [key, th] of Object.entries(headers)) {
      if (key === sort.key) th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
  };

  const head = el('tr', {},
    el('th', { class: 'num dim' }, '#'),
    sortable('row', 'Row', 'Data row in the file (1 = first row after the header)'),
    sortable('score', 'Score', 'Negative ELBO in nats: higher is more novel'),
    sortable('pValue', 'p-value', 'Share of normal calibration rows scoring at least as high'),
    el('th', {}, 'Flag'),
    el('th', {}, 'Why: column seen → expected, share'),
    ...others.map((c) => el('th', { class: 'other', title: 'In the file, not read by the model' }, c)));

  const n = scored.result.length;
  const note = n > MAX_SHOWN_ROWS
    ? el('p', { class: 'note' }, `The table shows ${integer.format(MAX_SHOWN_ROWS)} of ${integer.format(n)} rows, in the order chosen.`)
    : '';
  draw();
  container.replaceChildren(summaryLine(model, scored), note, el('table', { id: 'results-table' }, el('thead', {}, head), tbody));
}
