/** `novae eval <model> <data> --label <col>`: detection quality on labelled rows. */
import { Command } from 'commander';
import { f1At, prAuc, rocAuc } from '../../metrics.js';
import { formatCount, formatMetric, formatNumber, formatPercent } from '../format.js';
import { readLabels } from '../labels.js';
import { openModelAndData, scoreTable } from '../model-input.js';

export interface EvalCommandOptions {
  label: string;
}

const EXAMPLES = `
Labels must be 0/1 or true/false (1 = anomaly). F1, precision and recall are those of the rule
score > threshold, with the threshold calibrated at training time.

Examples:
  $ novae eval fraud.onnx labelled.csv --label is_fraud
  $ novae eval model.onnx test.csv --label label`;

/** Run `novae eval`: prints one metric per line. */
export async function runEval(modelPath: string, dataPath: string, options: EvalCommandOptions): Promise<void> {
  const input = await openModelAndData(modelPath, dataPath);
  try {
    const labels = readLabels(input.table, options.label);
    const result = await scoreTable(input);
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
    process.stdout.write([
      `rows       ${formatCount(rows)} (${formatCount(anomalies)} anomalies, ${formatPercent(anomalies, rows)})`,
      `ROC-AUC    ${formatMetric(rocAuc(scores, labels))}`,
      `PR-AUC     ${formatMetric(prAuc(scores, labels))}`,
      `F1         ${formatMetric(f1At(scores, labels, threshold))} (precision ${formatMetric(precision)}, ` +
        `recall ${formatMetric(recall)}; ${formatCount(flagged)} rows flagged)`,
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
    .argument('<data>', 'CSV file with the model\'s columns and a label column')
    .requiredOption('--label <column>', 'the label column: 0/1 or true/false, 1 = anomaly')
    .addHelpText('after', EXAMPLES)
    .action((model: string, data: string, options: EvalCommandOptions) => runEval(model, data, options));
}
