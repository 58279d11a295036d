/** Command-line flags of the accuracy bench. */
import { DATASETS } from './data.js';
import { integerFlag, jsonObject, nameList, readFlags } from './flags.js';

export { ArgsError } from './flags.js';

export interface BenchArgs {
  datasets: string[];
  seeds: number[];
  /** Experiments only: JSON train() options merged over the defaults (results are marked with them). */
  trainOptions: Record<string, unknown>;
  /** Write bench/results/ (default true; `--no-write` for quick experiments). */
  write: boolean;
  /** Tag appended to the result file names. */
  tag: string | undefined;
}

export const USAGE = `usage: node bench/dist/accuracy.js [--datasets a,b] [--seeds N] [--no-write] [--tag name]
                                 [--train-options '{"epochs":50}']   (experiments only)
Runs the ADBench novelty protocol with novae's default train() on every dataset (5 seeds by default).
Data: $NOVAE_DATA/adbench, default ../shared/data/adbench beside the repository.`;

const SPEC = {
  datasets: { type: 'string' }, seeds: { type: 'string' }, 'train-options': { type: 'string' },
  'no-write': { type: 'boolean' }, tag: { type: 'string' },
} as const;

export function parseArgs(argv: readonly string[]): BenchArgs | 'help' {
  const flags = readFlags(argv, SPEC, USAGE);
  if (flags === 'help') return 'help';
  const seeds = flags.seeds === undefined ? 5 : integerFlag('--seeds', flags.seeds, 1);
  return {
    datasets: flags.datasets === undefined ? [...DATASETS] : nameList('--datasets', flags.datasets),
    seeds: Array.from({ length: seeds }, (_, s) => s),
    trainOptions: flags['train-options'] === undefined ? {} : jsonObject('--train-options', flags['train-options']),
    write: !flags['no-write'],
    tag: flags.tag,
  };
}
