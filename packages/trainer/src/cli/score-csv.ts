/** Turning a `ScoreResult` into the CSV that `novae score` writes: one line per input row, in order. */
import type { ColumnContribution, ScoreResult } from '@novae/runtime';
import { formatNumber } from './format.js';

export const SCORE_COLUMNS = ['score', 'nll', 'kl', 'p_value', 'is_anomaly'] as const;

/** Columns shown in an explanation. */
export const EXPLAIN_TOP = 3;

/** Quote a CSV field when it needs it (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A float32 output value with the digits float32 actually carries. */
function float32(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(7))) : String(value);
}

function shownValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'missing';
  if (typeof value === 'number') return formatNumber(value, 4);
  // CSV cells are strings: shorten long numbers (`-1.6504444180265465` -> `-1.65`).
  const text = String(value);
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) ? formatNumber(number, 4) : text;
}

/** `amount 62% (seen 9120, expected 48.2)`. */
export function describeContribution(c: ColumnContribution): string {
  return `${c.column} ${Math.round(c.share * 100)}% (seen ${shownValue(c.seen)}, expected ${shownValue(c.expected)})`;
}

/** The top columns above their normal level, most anomalous first, joined with `; `. */
export function explanationText(result: ScoreResult, row: number, top = EXPLAIN_TOP): string {
  return result.explain(row)
    .columns.filter((c) => c.share > 0)
    .slice(0, top)
    .map(describeContribution)
    .join('; ');
}

/** A column written before the scores, e.g. the timestamp of each window's last sample. */
export interface LeadingColumn {
  name: string;
  /** One value per scored row. */
  values: readonly string[];
}

export interface CsvOptions {
  /** Add the explanation column. */
  explain?: boolean;
  /** A column before the scores. */
  lead?: LeadingColumn | undefined;
  /** Add the `marginal` column after `kl` (models whose score has the marginal term). */
  marginal?: boolean;
}

/** The whole output CSV (header + one line per row), newline-terminated; `lead` goes first. */
export function scoresToCsv(result: ScoreResult, options: CsvOptions = {}): string {
  const { explain = false, lead, marginal = false } = options;
  const header: string[] = [...SCORE_COLUMNS];
  if (marginal) header.splice(header.indexOf('kl') + 1, 0, 'marginal');
  if (explain) header.push('explanation');
  if (lead !== undefined) header.unshift(csvField(lead.name));
  const lines = [header.join(',')];
  for (let i = 0; i < result.length; i++) {
    const fields = [
      ...(lead === undefined ? [] : [csvField(lead.values[i]!)]),
      float32(result.scores[i]!),
      float32(result.nll[i]!),
      float32(result.kl[i]!),
      ...(marginal ? [float32(result.marginal[i]!)] : []),
      formatNumber(result.pValues[i]!, 6),
      result.isAnomaly[i] ? '1' : '0',
    ];
    if (explain) fields.push(csvField(explanationText(result, i)));
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}
