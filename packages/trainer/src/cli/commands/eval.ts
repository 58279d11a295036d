/** `novae eval <model> <data> --label <col>`: detection quality on labelled rows. */
import { Command } from 'commander';
import { f1At, prAuc, rocAuc } from '../../metrics.js';
import { formatCount, formatMetric, formatNumber, formatPercent } from '../format.js';
import { readLabels } from '../labels.js';
import { openModelAndData, scoreTable } from '../model-input.js';
import { scoreSensorTable } from '../sensor-table.js';
import { windowLabels } from '../../sensor-series.js';
import { UserError } from '../user-error.js';

export interface EvalCommandOptions {
  label: string;
}

const EXAMPLES = `
Labels must be 0/1 or true/false (1 = anomaly). F1, precision and recall are those of the rule
score > threshold, with the threshold calibrated at training time.

For a sensor model the rows are one series in time order, scored per window; each window takes the
label of its last sample (the sample it is reported at by novae score).

Examples:
  $ novae eval fraud.onnx labelled.csv --label is_fraud
  $ novae eval model.onnx test.csv --label label`;

/** Run `novae eval`: prints one metric per line. */
export async function runEval(modelPath: string, dataPath: string, options: EvalCommandOptions): Promise<void> {
  const input = await openModelAndData(modelPath, dataPath);
  try {
    const adapter = input.detector.adapter;
    const sensor = adapter.kind === 'sensor';
    if (adapter.kind === 'sensor' && adapter.columns.includes(options.label)) {
      throw new UserError(`--label: '${options.label}' is one of the model's channels; train without it (--ignore ${options.label})`);
    }
    const rowLabels = readLabels(input.table, options.label);
    let labels: ArrayLike<number> = rowLabels;
    let result;
    if (sensor) {
      const scored = await scoreSensorTable(input);
      result = scored.result;
      labels = windowLabels(rowLabels, scored.ends);
    } else {
      result = await scoreTable(input);
    }
    const { scores, threshold, isAnomaly } = result;
    let anomalies = 0;
    let flagged = 0;
    let hits = 0;
    for (let i = 0; i < labels.length; i++) {
      anomalies += labels[i]!;
      if (isAnomaly[i]) {
        flagged++;
        hits += labels[i]!;
      }
    }
    const rows = labels.length;
    const precision = flagged === 0 ? Number.NaN : hits / flagged;
    const recall = anomalies === 0 ? Number.NaN : hits / anomalies;
    const q = input.detector.manifest.calibration.q;
    const counted = sensor
      ? `windows    ${formatCount(rows)} (${formatCount(anomalies)} anomalous, ${formatPercent(anomalies, rows)}; ` +
        `from ${formatCount(rowLabels.length)} samples, labelled by their last sample)`
      : `rows       ${formatCount(rows)} (${formatCount(anomalies)} anomalies, ${formatPercent(anomalies, rows)})`;
    process.stdout.write([
      counted,
      `ROC-AUC    ${formatMetric(rocAuc(scores, labels))}`,
      `PR-AUC     ${formatMetric(prAuc(scores, labels))}`,
      `F1         ${formatMetric(f1At(scores, labels, threshold))} (precision ${formatMetric(precision)}, ` +
        `recall ${formatMetric(recall)}; ${formatCount(flagged)} ${sensor ? 'windows' : 'rows'} flagged)`,
      `threshold  ${formatNumber(threshold, 6)} (calibrated at q = ${q})`,
      ...(anomalies === 0 || anomalies === rows ? [`note       the labels hold only one class, so ROC-AUC is undefined`] : []),
      '',
    ].join('\n'));
  } finally {
    await input.detector.dispose();
  }
}

/** The `eval` command. */
export function evalCommand(): Command {
  return new Command('eval')
    .description('Evaluate a model on labelled rows: ROC-AUC, PR-AUC, and F1 at the calibrated threshold.')
    .argument('<model>', 'model file written by novae train (.onnx)')
    .argument('<data>', 'CSV file with the model\'s columns and a label column (a sensor model: one series, in time order)')
    .requiredOption('--label <column>', 'the label column: 0/1 or true/false, 1 = anomaly (a sensor window takes its last sample\'s label)')
    .addHelpText('after', EXAMPLES)
    .action((model: string, data: string, options: EvalCommandOptions) => runEval(model, data, options));
}
