/** Command-line flags of the NAB bench, and the one default configuration. */
import type { DetectorConfig, ModelConfig } from './detect.js';
import { ArgsError, integerFlag, jsonObject, nameList, readFlags } from '../flags.js';
import { DEFAULT_MAPPING, type MappingOptions } from './mapping.js';

export { ArgsError };

export interface NabArgs {
  config: DetectorConfig;
  /** Only these series (NAB paths); all 58 when undefined. */
  series: string[] | undefined;
  /** Write results (per-series CSVs and the summary JSON); `--no-write` for experiments. */
  write: boolean;
  tag: string | undefined;
}

/**
 * The configuration `npm run bench:nab` runs: the same for every series. Three models per series:
 * 32 levels (its window score and the newest reading's NLL, `latest`), 16 first differences, and a
 * daily context of 32 block means; each signal mapped by `record`, the largest kept, then suppressed
 * (bench/NAB.md has what else was tried). The network is pinned
 * (one member, 32-16-4, at most 100 epochs) rather than left to train()'s defaults, which size it
 * from the row count and may change: a probationary period is only a few hundred windows.
 */
export const DEFAULT_CONFIG: Readonly<DetectorConfig> = Object.freeze<DetectorConfig>({
  models: [
    { kind: 'window', window: 32, differences: false, latest: true },
    { kind: 'window', window: 16, differences: true, latest: false },
    { kind: 'daily', blocks: 32 },
  ],
  mapping: DEFAULT_MAPPING,
  trainOptions: { ensemble: [{}], epochs: 100, hidden: [32, 16], latentDim: 4 },
  seed: 0,
});

export const USAGE = `usage: node bench/dist/nab.js [--series a/b,c/d] [--models 32n,16d,day32]
                           (window lengths; d: first differences, n: also the newest reading's NLL; dayB: daily context of B blocks)
                           [--mapping '{"kind":"record","short":1,"history":5000,"suppress":100}']
                           [--train-options '{"epochs":50}' (merged over the pinned ones)] [--seed S] [--no-write] [--tag name]
Runs novae on the Numenta Anomaly Benchmark: each series trained on its probationary period only,
then streamed row by row through scoreStream; NAB standard score at the corpus-optimal threshold.
Data: $NOVAE_DATA/nab, default ../shared/data/nab beside the repository.`;

const KINDS = ['record', 'quantile', 'likelihood', 'pvalue'];

function checkMapping(m: MappingOptions): MappingOptions {
  if (!KINDS.includes(m.kind)) throw new ArgsError(`--mapping: kind: expected one of ${KINDS.join(', ')}, got ${JSON.stringify(m.kind)}`);
  for (const key of ['short', 'history'] as const) {
    if (!Number.isInteger(m[key]) || m[key] < 1) throw new ArgsError(`--mapping: ${key}: expected a positive integer, got ${JSON.stringify(m[key])}`);
  }
  if (!Number.isInteger(m.suppress) || m.suppress < 0) throw new ArgsError(`--mapping: suppress: expected an integer >= 0, got ${JSON.stringify(m.suppress)}`);
  return m;
}

/** `32n,16d,day32`: one model per entry (window length, `d` differences, `n` newest reading; `dayB` a daily context). */
export function parseModels(text: string): DetectorConfig['models'] {
  const models = text.split(',').map((entry): ModelConfig => {
    const day = /^day(\d+)$/.exec(entry.trim());
    if (day && Number(day[1]) >= 1) return { kind: 'daily', blocks: Number(day[1]) };
    const m = /^(\d+)(d?)(n?)$/.exec(entry.trim());
    const window = m ? Number(m[1]) : Number.NaN;
    if (!m || !(window >= 1)) {
      throw new ArgsError(`--models: expected entries like 32n,16d,day32 (d: differences, n: newest reading, dayB: daily context), got '${entry}'`);
    }
    return { kind: 'window', window, differences: m[2] === 'd', latest: m[3] === 'n' };
  });
  if (models.length === 0) throw new ArgsError('--models: expected at least one model');
  return models;
}

const SPEC = {
  series: { type: 'string' }, models: { type: 'string' }, mapping: { type: 'string' },
  'train-options': { type: 'string' }, seed: { type: 'string' }, 'no-write': { type: 'boolean' }, tag: { type: 'string' },
} as const;

export function parseNabArgs(argv: readonly string[]): NabArgs | 'help' {
  const flags = readFlags(argv, SPEC, USAGE);
  if (flags === 'help') return 'help';
  const config: DetectorConfig = {
    ...DEFAULT_CONFIG, models: DEFAULT_CONFIG.models.map((m) => ({ ...m })),
    mapping: { ...DEFAULT_CONFIG.mapping }, trainOptions: { ...DEFAULT_CONFIG.trainOptions },
  };
  if (flags.models !== undefined) config.models = parseModels(flags.models);
  if (flags.mapping !== undefined) {
    config.mapping = checkMapping({ ...config.mapping, ...(jsonObject('--mapping', flags.mapping) as Partial<MappingOptions>) });
  }
  if (flags['train-options'] !== undefined) {
    config.trainOptions = { ...config.trainOptions, ...jsonObject('--train-options', flags['train-options']) };
  }
  if (flags.seed !== undefined) config.seed = integerFlag('--seed', flags.seed, 0);
  return {
    config,
    series: flags.series === undefined ? undefined : nameList('--series', flags.series),
    write: !flags['no-write'],
    tag: flags.tag,
  };
}

/** True when `config` is the default one (only then is nab-latest.json written). */
export function isDefault(config: DetectorConfig): boolean {
  return JSON.stringify(config) === JSON.stringify(DEFAULT_CONFIG);
}
