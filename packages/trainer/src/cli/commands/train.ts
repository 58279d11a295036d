/** `novae train <data>`: fit a detector on a CSV of normal rows and save one verified .onnx file. */
import { Command, Option } from 'commander';
import type { Adapter, SensorAdapter, TabularAdapter } from '@novae/adapters';
import type { TrainAdapterOption } from '../../adapter-options.js';
import type { TrainingBackend } from '../../backend.js';
import type { TrainedModel } from '../../trained-model.js';
import type { ExportCheck } from '../../verify-export.js';
import { nameList, nonNegativeInteger, openUnitInterval, positiveInteger } from '../arguments.js';
import { formatBytes, formatCount, formatNumber } from '../format.js';
import { checkOutputPath } from '../output-file.js';
import { trainingProgress } from '../progress.js';
import { listColumns, locateRowError, readCsv, type CsvTable } from '../read-csv.js';
import { rejectSensorFlags, sensorAdapterOptions, type SensorFlags } from '../sensor-options.js';
import { sensorTrainingSummary } from '../sensor-summary.js';
import { UserError } from '../user-error.js';
import { runTrainImages } from '../image-train.js';
import { imageSize, rejectImageFlags, type ImageFlags } from '../image-options.js';
import type { Architecture } from '../../options.js';
import type { Likelihood } from '../../vae/weights.js';

/** The training backends, as offered on the command line (checked against `TrainingBackend`). */
const BACKENDS = ['auto', 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu'] as const satisfies readonly TrainingBackend[];
const everyBackendListed: Exclude<TrainingBackend, (typeof BACKENDS)[number]> extends never ? true : never = true;
void everyBackendListed;

export interface TrainCommandOptions extends SensorFlags, ImageFlags {
  out: string;
  adapter: 'tabular' | 'image' | 'sensor';
  ignore?: string[];
  epochs?: number;
  latent?: number;
  seed?: number;
  backend: TrainingBackend;
  thresholdQuantile?: number;
  fpr?: number;
  architecture?: Architecture;
  likelihood?: Likelihood;
  /** false with --no-marginal. */
  marginal?: boolean;
}

const EXAMPLES = `
Examples:
  $ novae train transactions.csv --ignore label --out fraud.onnx
  $ novae train sensors.csv --ignore id,timestamp --epochs 50 --latent 4 --seed 7
  $ novae train normal.csv --fpr 0.001 --backend wasm
  $ novae train machine.csv --adapter sensor --window 64 --stride 4 --ignore label
  $ novae train good-parts/ --adapter image --size 64x64 --out parts.onnx

Sensor data (--adapter sensor): each row is one sample, in time order, with a timestamp column
(--timestamp, default 'timestamp'; numbers or ISO-8601 dates) and one column per channel (--channels,
default: every other column not in --ignore). The model reads windows of --window samples, one every
--stride samples. The last 20% of the windows are held out for calibration, after the training
windows, and the windows that would overlap both are dropped. Out-of-order and duplicate timestamps
are dropped, a gap of more than 3 sampling intervals restarts the window, and a missing reading
takes the channel's last value.

Image data (--adapter image): <data> is a folder of PNG or JPEG files of normal images (not searched
recursively). Each is resized to --size (area averaging when shrinking), converted to --color and
scaled to [0, 1]. Up to 64x64 grayscale the default model is an MLP VAE; larger inputs (e.g.
64x64 RGB) get a convolutional one, as --architecture conv does at any size: its file is far smaller
(0.9 MB against 13 MB at 64x64 grayscale) but it scored lower on MNIST.`;

/** Check `--ignore` names against the header, so a typo fails before training. */
function checkIgnored(table: CsvTable, ignore: readonly string[]): void {
  const unknown = ignore.filter((c) => !table.columns.includes(c));
  if (unknown.length > 0) {
    throw new UserError(`--ignore: no column ${listColumns(unknown, 5)} in ${table.path}; the file has ${listColumns(table.columns)}`);
  }
}

/** The one-paragraph report printed when training is done. */
export function trainingSummary(model: TrainedModel<TabularAdapter>, check: ExportCheck, rows: number, out: string): string {
  const { training, calibration, model: info } = model.manifest;
  const columns = model.adapter.columns.length;
  const heldOut = rows - training.rows;
  return [
    `Trained on ${formatCount(rows)} rows (${formatCount(training.rows)} for fitting, ${formatCount(heldOut)} held out)`,
    `of ${columns} column${columns === 1 ? '' : 's'} encoded as ${info.inputShape.join('x')} features,`,
    `latent dimension ${info.latentDim}, for ${training.epochs} epochs on the ${training.backend} backend in ${training.seconds} s.`,
    `Validation loss ${formatNumber(training.validationLoss, 5)}; threshold ${formatNumber(calibration.threshold, 5)}`,
    `(quantile q = ${calibration.q} of the held-out normal scores).`,
    `Export check: max relative difference ${check.maxRelativeDifference.toExponential(2)} over ${formatCount(check.rows)} rows`,
    `(ONNX Runtime ${check.backend}). Saved ${out} (${formatBytes(model.bytes.length)}).`,
  ].join(' ');
}

/** Run `novae train`. */
export async function runTrain(data: string, options: TrainCommandOptions): Promise<void> {
  const q = options.fpr !== undefined ? 1 - options.fpr : options.thresholdQuantile;
  if (options.adapter === 'image') {
    rejectSensorFlags('image', options);
    if (options.ignore !== undefined) throw new UserError('--ignore: only for CSV data (this is --adapter image)');
    return runTrainImages(data, { ...options, q });
  }
  rejectImageFlags(options.adapter, options);
  if (options.architecture === 'conv') {
    throw new UserError(`--architecture conv: only for --adapter image (this is --adapter ${options.adapter})`);
  }
  const sensor = options.adapter === 'sensor';
  if (!sensor) rejectSensorFlags(options.adapter, options);
  await checkOutputPath(options.out);
  const table = await readCsv(data);
  const ignore = options.ignore ?? [];
  checkIgnored(table, ignore);
  const adapter: TrainAdapterOption = sensor ? sensorAdapterOptions(table, options) : { ignore };

  // Loaded here, not at start-up: TF.js takes a while to import and only training needs it.
  const { train } = await import('../../train.js');
  const progress = trainingProgress();
  let model: TrainedModel<Adapter>;
  try {
    model = await train(table.records, {
      adapter,
      epochs: options.epochs,
      latentDim: options.latent,
      likelihood: options.likelihood,
      seed: options.seed,
      backend: options.backend,
      ...(options.marginal === false ? { marginal: false } : {}),
      calibration: q === undefined ? undefined : { q },
      onProgress: (p) => progress.onProgress(p),
    });
  } catch (err) {
    throw locateRowError(table, err);
  } finally {
    progress.stop();
  }
  try {
    const check = await model.save(options.out);
    const summary = model.adapter.kind === 'sensor'
      ? sensorTrainingSummary(model as TrainedModel<SensorAdapter>, check, options.out)
      : trainingSummary(model as TrainedModel<TabularAdapter>, check, table.records.length, options.out);
    process.stdout.write(`${summary}\n`);
  } finally {
    await model.dispose();
  }
}

/** The `train` command. */
export function trainCommand(): Command {
  return new Command('train')
    .description('Train a detector on a CSV of normal rows and save it as one self-describing .onnx file.')
    .argument('<data>', 'CSV file with a header row (one record per row; one sample per row, in time order, for sensor data), or a folder of PNG/JPEG images (--adapter image)')
    .option('-o, --out <file>', 'where to write the model', 'model.onnx')
    .addOption(new Option('--adapter <kind>', 'input adapter').choices(['tabular', 'image', 'sensor']).default('tabular'))
    .option('--ignore <columns>', 'columns to leave out, e.g. a label or an id (comma-separated, repeatable)', nameList)
    .option('--window <n>', 'sensor: samples per window, the model\'s input (required with --adapter sensor)', positiveInteger)
    .option('--stride <n>', 'sensor: samples between the ends of two windows (default 1: a window per sample)', positiveInteger)
    .option('--timestamp <column>', 'sensor: the timestamp column (default \'timestamp\')')
    .option('--no-timestamp', 'sensor: the file has no timestamp; rows are evenly spaced samples in file order')
    .option('--channels <columns>', 'sensor: the channel columns, in order (comma-separated, repeatable; default: all but the timestamp and --ignore)', nameList)
    .option('--differences', 'sensor: model first differences (changes between samples) instead of levels')
    .option('--size <WxH>', 'image: the model\'s input size; every image is resized to it (default 64x64)', imageSize)
    .addOption(new Option('--color <mode>', 'image: grayscale or RGB input (default gray)').choices(['gray', 'rgb']))
    .addOption(new Option('--architecture <kind>', 'VAE layers: mlp (dense; the default up to 64x64 grayscale) or conv (convolutional, images only: a far smaller file; the default above)').choices(['mlp', 'conv']))
    .addOption(new Option('--likelihood <kind>', 'decoder likelihood (default: gaussian; for images with one variance shared by all pixels)').choices(['gaussian', 'bernoulli']))
    .option('--epochs <n>', 'maximum epochs (early stopping may end sooner; default: from the data size)', positiveInteger)
    .option('--latent <k>', 'latent dimension (default: from the number of features)', positiveInteger)
    .option('--seed <s>', 'random seed for initialisation, shuffling and the validation split (default 0)', nonNegativeInteger)
    .option('--no-marginal', 'tables: score by the ELBO alone, without the per-column marginal term (bench/ACCURACY.md)')
    .addOption(new Option('--backend <name>', 'TF.js training backend').choices(BACKENDS).default('auto'))
    .addOption(new Option('--threshold-quantile <q>', 'threshold = this quantile of held-out normal scores (default 0.99)')
      .argParser(openUnitInterval).conflicts('fpr'))
    .addOption(new Option('--fpr <rate>', 'target false-positive rate on normal data (threshold quantile 1 - rate)')
      .argParser(openUnitInterval))
    .addHelpText('after', EXAMPLES)
    .action((data: string, options: TrainCommandOptions) => runTrain(data, options));
}
