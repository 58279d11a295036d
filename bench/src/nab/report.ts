/** The NAB bench's summary document and the markdown printed from it. */
import type { DetectorConfig } from './detect.js';
import type { CorpusScore } from './sweep.js';

/** Published NAB standard-profile scores (NAB results/final_results.json, via the data README). */
export const PUBLISHED_NAB: Readonly<Record<string, number>> = Object.freeze({
  ARTime: 74.85, 'Numenta HTM': 70.1, contextOSE: 69.9, 'KNN-CAD': 57.99,
  'Random Cut Forest': 51.72, 'Twitter ADVec': 47.06, 'Windowed Gaussian': 39.65, Random: 16.83,
});

export interface NabReport {
  bench: 'nab';
  protocol: string;
  createdAt: string;
  node: string;
  config: DetectorConfig;
  series: number;
  rows: number;
  standard: Omit<CorpusScore, 'series'>;
  perSeries: (CorpusScore['series'][number] & { epochs: number; trainSeconds: number })[];
  throughput: { series: string; rows: number; samplesPerSecond: number; backend: string };
  seconds: { total: number; training: number; streaming: number };
}

const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '–');

export function nabMarkdown(report: NabReport): string {
  const s = report.standard;
  const rows: [string, number, boolean][] = [['**novae**', s.normalised, true], ...Object.entries(PUBLISHED_NAB).map(([k, v]) => [k, v, false] as [string, number, boolean])];
  rows.sort((a, b) => b[1] - a[1]);
  const out = ['| detector | NAB standard |', '|---|---:|', ...rows.map(([name, v, ours]) => `| ${name} | ${ours ? `**${f2(v)}**` : f2(v)} |`)];
  out.push('', '| category | series | NAB standard | TP | FP | FN |', '|---|---:|---:|---:|---:|---:|');
  for (const [name, c] of Object.entries(s.categories)) {
    out.push(`| ${name} | ${c.series} | ${f2(c.normalised)} | ${c.tp} | ${c.fp} | ${c.fn} |`);
  }
  out.push(`| **all** | ${report.series} | **${f2(s.normalised)}** | ${s.tp} | ${s.fp} | ${s.fn} |`);
  const t = report.throughput;
  out.push(
    '',
    `Corpus threshold ${s.threshold} (raw score ${f2(s.score)}, null ${f2(s.nullScore)}, perfect ${f2(s.perfectScore)}); ` +
      'category rows use the corpus threshold, normalised by their own null and perfect scores.',
    `Wall time ${report.seconds.total.toFixed(0)} s (training ${report.seconds.training.toFixed(0)} s, streaming ` +
      `${report.seconds.streaming.toFixed(0)} s) for ${report.rows} rows in ${report.series} series. Streaming throughput ` +
      `${Math.round(t.samplesPerSecond)} samples/s through scoreStream on ${t.series} (${t.rows} rows, ${t.backend}).`,
    `Config: ${JSON.stringify(report.config)}.`,
  );
  return out.join('\n');
}
