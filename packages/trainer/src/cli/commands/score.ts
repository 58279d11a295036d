/**
 * `novae score <model> <data>`: one line of scores per input row (per window, for a sensor model),
 * to stdout or atomically to a file.
 */
import { Command } from 'commander';
import { nonNegativeInteger, positiveInteger } from '../arguments.js';
import { loadDetector } from '@novae/runtime';
import { scoreImageFolder } from '../image-scores.js';
import { openTable, scoreTable } from '../model-input.js';
import { checkOutputPath, writeFileAtomic } from '../output-file.js';
import { EXPLAIN_TOP, scoresToCsv } from '../score-csv.js';
import { scoreSensorTable, windowEndColumn } from '../sensor-table.js';
import { UserError } from '../user-error.js';

export interface ScoreCommandOptions {
  out?: string;
  samples?: number;
  seed?: number;
  explain?: boolean;
  maps?: string;
}

const EXAMPLES = `
Output columns: score,nll,kl,p_value,is_anomaly (+ explanation with --explain), one line per
input row, in input order. is_anomaly is 1 when the score is above the model's threshold. A table
model whose score adds the per-column marginal term (the default) has a marginal column after kl:
score = nll + kl + marginal.

For an image model <data> is a folder of PNG or JPEG files, scored in name order, one line per image
with its file name first: file,score,nll,kl,p_value,is_anomaly. --explain names the hottest pixels
(x,y), and --maps <dir> writes one heat-map PNG per image (the anomaly map over the image as the
model saw it; the folder is created if missing).

For a sensor model the rows are one series in time order, and there is one line per window, at the
sample that ends it (rows - window + 1 lines for stride 1), with that sample's timestamp first:
timestamp,score,nll,kl,p_value,is_anomaly (the column is named as in the training data; a model
trained with --no-timestamp writes 'sample', the 0-based row). --explain then names the channels.

Examples:
  $ novae score fraud.onnx today.csv --out scores.csv
  $ novae score fraud.onnx today.csv --explain | head
  $ novae score fraud.onnx today.csv --samples 16 --seed 1 > scores.csv
  $ novae score machine.onnx last-hour.csv --explain --out windows.csv
  $ novae score parts.onnx photos/ --maps heatmaps/ --out scores.csv`;

/** Run `novae score`. */
export async function runScore(modelPath: string, dataPath: string, options: ScoreCommandOptions): Promise<void> {
  if (options.out !== undefined) await checkOutputPath(options.out);
  const detector = await loadDetector(modelPath);
  const scoring = { samples: options.samples, seed: options.seed };
  if (detector.adapter.kind === 'image') {
    try {
      const csv = await scoreImageFolder(detector, dataPath, { ...scoring, explain: options.explain === true, maps: options.maps });
      if (options.out === undefined) process.stdout.write(csv);
      else await writeFileAtomic(options.out, csv);
    } finally {
      await detector.dispose();
    }
    return;
  }
  if (options.maps !== undefined) {
    await detector.dispose();
    throw new UserError(`--maps: only for image models (${modelPath} is a ${detector.adapter.kind} model)`);
  }
  const input = await openTable(detector, dataPath);
  try {
    let csv: string;
    const columns = { explain: options.explain === true, marginal: input.detector.manifest.score.marginal !== undefined };
    if (input.detector.adapter.kind === 'sensor') {
      const { result, ends } = await scoreSensorTable(input, scoring);
      csv = scoresToCsv(result, { ...columns, lead: windowEndColumn(input, ends) });
    } else {
      csv = scoresToCsv(await scoreTable(input, scoring), columns);
    }
    if (options.out === undefined) process.stdout.write(csv);
    else await writeFileAtomic(options.out, csv);
  } finally {
    await input.detector.dispose();
  }
}

/** The `score` command. */
export function scoreCommand(): Command {
  return new Command('score')
    .description('Score every row of a CSV (every image of a folder) with a trained model: ELBO score, its parts, p-value and verdict.')
    .argument('<model>', 'model file written by novae train (.onnx)')
    .argument('<data>', 'CSV file with the columns the model was trained on (extra columns are ignored); a folder of images for an image model')
    .option('-o, --out <file>', 'write the scores to this file (atomically) instead of stdout')
    .option('--samples <n>', 'Monte Carlo samples of z per row (default: as calibrated, usually 1 = posterior mean)', positiveInteger)
    .option('--seed <s>', 'seed of the Monte Carlo noise when --samples > 1 (default 0)', nonNegativeInteger)
    .option('--explain', `add an explanation column: the ${EXPLAIN_TOP} columns (channels, for a sensor model) that raise the score most`)
    .option('--maps <dir>', 'image models: write a heat-map PNG per image into this folder')
    .addHelpText('after', EXAMPLES)
    .action((model: string, data: string, options: ScoreCommandOptions) => runScore(model, data, options));
}
