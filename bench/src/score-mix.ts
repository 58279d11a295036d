/**
 * `node bench/dist/score-mix.js [--datasets a,b] [--seeds N]`: other scores of the default model
 * under the ADBench protocol, for bench/ACCURACY.md. It trains as bench:accuracy does, scores the
 * test rows through the exported model, and prints the ROC-AUC (%) of
 * - `nll + w·kl` for several w (w = 1 is novae's score; larger w weighs the KL term up), and
 * - `score + λ·½‖z‖²` with z the standardised row (the adapter's encoding). ½‖z‖² alone is what the
 *   published VAE computes (bench/ACCURACY.md), so this mixes novae's score with it;
 * - `score + λ·½‖q‖²` with q the marginal expert's normal scores (marginal-expert.ts), and the same
 *   pair fused after dividing each by its interquartile range on the training rows
 *   (`score/IQR + w·½‖q‖²/IQR`; no test labels are used), and for w = 1 also with the ranges taken
 *   on the held-out validation rows that train() calibrates on, and with each column summarised by
 *   64 or 32 quantile knots (what a model file could store).
 * Means over the seeds, a mean row and how many tables reach the published VAE. Writes nothing.
 */
import { quantile, rocAuc, train } from '@novae/trainer';
import { ArgsError, parseArgs } from './args.js';
import { adbenchDir, loadDataset } from './data.js';
import { splitProtocol } from './protocol.js';
import { MarginalExpert } from './marginal-expert.js';
import { PUBLISHED } from './published.js';

const KL_WEIGHTS = [0, 0.5, 1, 1.5, 2, 3, 5];
const NORM_WEIGHTS = [0, 0.25, 0.5, 1, 2];
const MARGINAL_WEIGHTS = [0.25, 0.5, 1, 2];
const FUSION_WEIGHTS = [0.25, 0.5, 1];
const KNOT_COUNTS = [64, 32] as const;

/**
 * One test row's scores: the model's outputs, ½‖z‖², the marginal expert's ½‖q‖² and the same with
 * 64 and 32 knots per column.
 */
interface RowScores { nll: number; kl: number; score: number; halfNorm: number; marginal: number; marginal64: number; marginal32: number }

/**
 * Interquartile ranges of novae's score and of ½‖q‖² over the training rows, and (held*) over the
 * held-out validation rows.
 */
interface Scales {
  score: number; marginal: number;
  heldScore: number; heldMarginal: number; heldMarginal64: number; heldMarginal32: number;
}

interface Variant {
  name: string;
  score: (row: RowScores, scales: Scales) => number;
}

const VARIANTS: Variant[] = [
  ...KL_WEIGHTS.map((w): Variant => ({ name: `nll+${w}·kl`, score: (r) => r.nll + w * r.kl })),
  { name: 'kl', score: (r) => r.kl },
  ...NORM_WEIGHTS.map((l): Variant => ({ name: `score+${l}·½‖z‖²`, score: (r) => r.score + l * r.halfNorm })),
  { name: '½‖z‖²', score: (r) => r.halfNorm },
  ...MARGINAL_WEIGHTS.map((l): Variant => ({ name: `score+${l}·½‖q‖²`, score: (r) => r.score + l * r.marginal })),
  { name: '½‖q‖²', score: (r) => r.marginal },
  ...FUSION_WEIGHTS.map((w): Variant => ({
    name: `score/IQR+${w}·½‖q‖²/IQR`, score: (r, s) => r.score / s.score + w * r.marginal / s.marginal,
  })),
  { name: 'fusion 1, held-out IQR', score: (r, s) => r.score / s.heldScore + r.marginal / s.heldMarginal },
  { name: 'fusion 1, held-out IQR, 64 knots', score: (r, s) => r.score / s.heldScore + r.marginal64 / s.heldMarginal64 },
  { name: 'fusion 1, held-out IQR, 32 knots', score: (r, s) => r.score / s.heldScore + r.marginal32 / s.heldMarginal32 },
];

/** Interquartile range (numpy's linear quantiles); 1 when it is 0. */
function iqr(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const range = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  return range > 0 ? range : 1;
}

async function rocAucs(name: string, seed: number, trainOptions: Record<string, unknown>): Promise<number[]> {
  const split = splitProtocol(loadDataset(name, adbenchDir()));
  // The VAE's own score (no marginal term): every variant here is built on it, as when this was measured.
  const trained = await train(split.train, { marginal: false, ...trainOptions, adapter: { ignore: ['label'] }, seed });
  try {
    const encoded = trained.adapter.encode(split.test);
    const width = trained.adapter.width;
    const detector = await trained.detector();
    const r = await detector.scoreEncoded(encoded, split.test.length);
    const trainEncoded = trained.adapter.encode(split.train);
    const expert = new MarginalExpert(trainEncoded, split.train.length, width);
    const marginal = expert.scores(encoded, split.test.length);
    const [knots64, knots32] = KNOT_COUNTS.map((k) => new MarginalExpert(trainEncoded, split.train.length, width, k));
    const marginal64 = knots64!.scores(encoded, split.test.length);
    const marginal32 = knots32!.scores(encoded, split.test.length);
    const held = trained.heldOut;
    const scales: Scales = {
      score: iqr(Array.from((await detector.scoreEncoded(trainEncoded, split.train.length)).scores)),
      marginal: iqr(expert.scores(trainEncoded, split.train.length)),
      heldScore: iqr(Array.from(held.scores.score)),
      heldMarginal: iqr(expert.scores(held.encoded, held.rows)),
      heldMarginal64: iqr(knots64!.scores(held.encoded, held.rows)),
      heldMarginal32: iqr(knots32!.scores(held.encoded, held.rows)),
    };
    const halfNorm = Array.from({ length: split.test.length }, (_, i) => {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += encoded[i * width + j]! ** 2;
      return sum / 2;
    });
    return VARIANTS.map((v) => {
      const scores = halfNorm.map((h, i) => v.score(
        {
          nll: r.nll[i]!, kl: r.kl[i]!, score: r.scores[i]!, halfNorm: h,
          marginal: marginal[i]!, marginal64: marginal64[i]!, marginal32: marginal32[i]!,
        }, scales,
      ));
      return 100 * rocAuc(scores, split.testLabels);
    });
  } finally {
    await trained.dispose();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log('usage: node bench/dist/score-mix.js [--datasets a,b] [--seeds N] [--train-options JSON]');
    return;
  }
  const rows: number[][] = [];
  for (const name of args.datasets) {
    const perSeed: number[][] = [];
    for (const seed of args.seeds) perSeed.push(await rocAucs(name, seed, args.trainOptions));
    rows.push(VARIANTS.map((_, k) => perSeed.reduce((a, s) => a + s[k]!, 0) / perSeed.length));
    console.error(`${name} done`);
  }
  const fmt = (v: number): string => v.toFixed(2);
  const lines = [
    `| table | published VAE | ${VARIANTS.map((v) => v.name).join(' | ')} |`,
    `|---|---:|${VARIANTS.map(() => '---:').join('|')}|`,
    ...args.datasets.map((name, d) => `| ${name} | ${fmt(PUBLISHED[name]!.VAE)} | ${rows[d]!.map(fmt).join(' | ')} |`),
    `| mean | | ${VARIANTS.map((_, k) => fmt(rows.reduce((a, r) => a + r[k]!, 0) / rows.length)).join(' | ')} |`,
    `| ≥ VAE | | ${VARIANTS.map((_, k) => rows.filter((r, d) => r[k]! >= PUBLISHED[args.datasets[d]!]!.VAE).length).join(' | ')} |`,
  ];
  console.log(`Seeds ${args.seeds.join(', ')}; ROC-AUC (%).\n\n${lines.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ArgsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
