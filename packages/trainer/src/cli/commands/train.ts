/** `novae train <data>`: fit a detector on a CSV of normal rows and save one verified .onnx file. */
import { Command, Option } from 'commander';
import type { TrainingBackend } from '../../backend.js';
import type { TrainedModel } from '../../trained-model.js';
import type { ExportCheck } from '../../verify-export.js';
import { nameList, nonNegativeInteger, openUnitInterval, positiveInteger } from '../arguments.js';
import { formatBytes, formatCount, formatNumber } from '../format.js';
import { checkOutputPath } from '../output-file.js';
import { trainingProgress } from '../progress.js';
import { listColumns, locateRowError, readCsv, type CsvTable } from '../read-csv.js';
import { UserError } from '../user-error.js';

/** The training backends, as offered on the command line (checked against `TrainingBackend`). */
const BACKENDS = ['auto', 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu'] as const satisfies readonly TrainingBackend[];
const everyBackendListed: Exclude<TrainingBackend, (typeof BACKENDS)[number]> extends never ? true : never = true;
void everyBackendListed;

export interface TrainCommandOptions {
  out: string;
  adapter: 'tabular' | 'image' | 'sensor';
  ignore?: string[];
  epochs?: number;
  latent?: number;
  seed?: number;
  backend: TrainingBackend;
  thresholdQuantile?: number;
  fpr?: number;
}

const EXAMPLES = `
Examples:
  $ novae train transactions.csv --ignore label --out fraud.onnx
  $ novae train sensors.csv --ignore id,timestamp --epochs 50 --latent 4 --seed 7
  $ novae train normal.csv --fpr 0.001 --backend wasm`;

/** Check `--ignore` names against the header, so a typo fails before training. */
function checkIgnored(table: CsvTable, ignore: readonly string[]): void {
  const unknown = ignore.filter((c) => !table.columns.includes(c));
  if (unknown.length > 0) {
    throw new UserError(`--ignore: no column ${listColumns(unknown, 5)} in ${table.path}; the file has ${listColumns(table.columns)}`);
  }
}

/** The one-paragraph report printed when training is done. */
export function trainingSummary(model: TrainedModel, check: ExportCheck, rows: number, out: string): string {
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
  if (options.adapter !== 'tabular') {
    throw new UserError(`--adapter ${options.adapter} is not supported yet; only tabular`);
  }
  await checkOutputPath(options.out);
  const table = await readCsv(data);
  const ignore = options.ignore ?? [];
  checkIgnored(table, ignore);
  const q = options.fpr !== undefined ? 1 - options.fpr : options.thresholdQuantile;

  // Loaded here, not at start-up: TF.js takes a while to import and only training needs it.
  const { train } = await import('../../train.js');
  const progress = trainingProgress();
  let model: TrainedModel;
  try {
    model = await train(table.records, {
      adapter: { ignore },
      epochs: options.epochs,
      latentDim: options.latent,
      seed: options.seed,
      backend: options.backend,
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
    process.stdout.write(`${trainingSummary(model, check, table.records.length, options.out)}\n`);
  } finally {
    await model.dispose();
  }
}

/** The `train` command. */
export function trainCommand(): Command {
  return new Command('train')
    .description('Train a detector on a CSV of normal rows and save it as one self-describing .onnx file.')
    .argument('<data>', 'CSV file with a header row (one record per row)')
    .option('-o, --out <file>', 'where to write the model', 'model.onnx')
    .addOption(new Option('--adapter <kind>', 'input adapter').choices(['tabular', 'image', 'sensor']).default('tabular'))
    .option('--ignore <columns>', 'columns to leave out, e.g. a label or an id (comma-separated, repeatable)', nameList)
    .option('--epochs <n>', 'maximum epochs (early stopping may end sooner; default: from the data size)', positiveInteger)
    .option('--latent <k>', 'latent dimension (default: from the number of features)', positiveInteger)
    .option('--seed <s>', 'random seed for initialisation, shuffling and the validation split (default 0)', nonNegativeInteger)
    .addOption(new Option('--backend <name>', 'TF.js training backend').choices(BACKENDS).default('auto'))
    .addOption(new Option('--threshold-quantile <q>', 'threshold = this quantile of held-out normal scores (default 0.99)')
      .argParser(openUnitInterval).conflicts('fpr'))
    .addOption(new Option('--fpr <rate>', 'target false-positive rate on normal data (threshold quantile 1 - rate)')
      .argParser(openUnitInterval))
    .addHelpText('after', EXAMPLES)
    .action((data: string, options: TrainCommandOptions) => runTrain(data, options));
}
