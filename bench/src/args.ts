/** Command-line flags of the accuracy bench. */
import { DATASETS } from './data.js';

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

export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

export function parseArgs(argv: readonly string[]): BenchArgs | 'help' {
  const args: BenchArgs = { datasets: [...DATASETS], seeds: [0, 1, 2, 3, 4], trainOptions: {}, write: true, tag: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new ArgsError(`${flag}: missing value`);
      return v;
    };
    switch (flag) {
      case '-h': case '--help': return 'help';
      case '--datasets': {
        const names = value().split(',').map((s) => s.trim()).filter(Boolean);
        if (names.length === 0) throw new ArgsError('--datasets: expected a comma-separated list');
        args.datasets = names;
        break;
      }
      case '--seeds': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new ArgsError('--seeds: expected a positive integer');
        args.seeds = Array.from({ length: n }, (_, s) => s);
        break;
      }
      case '--train-options': {
        try {
          args.trainOptions = JSON.parse(value()) as Record<string, unknown>;
        } catch {
          throw new ArgsError('--train-options: expected a JSON object');
        }
        break;
      }
      case '--no-write': args.write = false; break;
      case '--tag': args.tag = value(); break;
      default: throw new ArgsError(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  return args;
}
