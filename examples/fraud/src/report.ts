/** Formatting for the fraud demo's console report: numbers, metrics and the top-rows table. */
import type { Explanation } from '@novae/runtime';
import type { Transaction } from './transactions.js';

/** A number for people: thousands separators, and decimals only where they carry information. */
export function formatValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatMoney(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatPValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Left-aligned text columns with a header rule. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => indent + cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(header), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface FlagCounts {
  flagged: number;
  truePositives: number;
  precision: number;
  recall: number;
  falsePositiveRate: number;
}

/** Confusion counts of `isAnomaly` against the labels. */
export function flagCounts(isAnomaly: readonly boolean[], rows: readonly Transaction[]): FlagCounts {
  let flagged = 0;
  let truePositives = 0;
  let frauds = 0;
  for (let i = 0; i < rows.length; i++) {
    const fraud = rows[i]!.is_fraud === 1;
    if (fraud) frauds++;
    if (isAnomaly[i]) {
      flagged++;
      if (fraud) truePositives++;
    }
  }
  const normals = rows.length - frauds;
  return {
    flagged,
    truePositives,
    precision: flagged > 0 ? truePositives / flagged : Number.NaN,
    recall: frauds > 0 ? truePositives / frauds : Number.NaN,
    falsePositiveRate: normals > 0 ? (flagged - truePositives) / normals : Number.NaN,
  };
}

/** The rows as one table, each followed by its top explanation columns (share of excess NLL, seen -> expected). */
export function describeTopRows(
  ranked: readonly number[], rows: readonly Transaction[], explain: (i: number) => Explanation,
): string {
  const header = ['#', 'score', 'p-value', 'label', 'category', 'amount', 'hour', 'country', 'device', 'present', 'km', '24h'];
  const explanations = ranked.map((i) => explain(i));
  const cells = ranked.map((i, rank) => {
    const t = rows[i]!;
    const e = explanations[rank]!;
    return [
      String(rank + 1), e.score.toFixed(1), formatPValue(e.pValue), t.fraud_kind || 'normal', t.merchant_category,
      formatMoney(t.amount), String(t.hour), t.country, t.device, t.card_present ? 'yes' : 'no',
      formatValue(t.distance_from_home_km), String(t.transactions_last_24h),
    ];
  });
  const [head, rule, ...lines] = table(header, cells).split('\n');
  const out = [head!, rule!];
  lines.forEach((line, rank) => {
    out.push(line);
    for (const c of explanations[rank]!.columns) {
      const share = `${Math.round(c.share * 100)}%`.padStart(4);
      out.push(`        ${share}  ${c.column.padEnd(22)} ${formatValue(c.seen)} -> ${formatValue(c.expected)}`);
    }
  });
  return out.join('\n');
}
