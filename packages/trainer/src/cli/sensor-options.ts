/**
 * The sensor flags of `novae train` (`--window`, `--stride`, `--timestamp`, `--channels`,
 * `--differences`): checked against each other and against the CSV header before any training, and
 * turned into `train()`'s `{ kind: 'sensor', ... }` adapter options.
 */
import type { SensorTrainAdapterOptions } from '../adapter-options.js';
import { listColumns, type CsvTable } from './read-csv.js';
import { UserError } from './user-error.js';

export interface SensorFlags {
  window?: number;
  stride?: number;
  /** A column name, `false` for `--no-timestamp`, or unset (the column `timestamp`). */
  timestamp?: string | false;
  channels?: string[];
  differences?: boolean;
  ignore?: string[];
}

/** The flags that only mean something with `--adapter sensor`, as written on the command line. */
const SENSOR_FLAGS: readonly [keyof SensorFlags, string][] = [
  ['window', '--window'], ['stride', '--stride'], ['timestamp', '--timestamp'], ['channels', '--channels'],
  ['differences', '--differences'],
];

/** Throw if a sensor flag is given with another adapter. */
export function rejectSensorFlags(adapter: string, flags: SensorFlags): void {
  const given = SENSOR_FLAGS.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 0) {
    throw new UserError(`${given.join(', ')}: only for --adapter sensor (this is --adapter ${adapter})`);
  }
}

/** The timestamp column the flags name (`null` for `--no-timestamp`), checked against the header. */
function timestampColumn(table: CsvTable, flag: string | false | undefined): string | null {
  if (flag === false) return null;
  const column = flag ?? 'timestamp';
  if (table.columns.includes(column)) return column;
  if (flag !== undefined) {
    throw new UserError(`--timestamp: no column '${column}' in ${table.path}; the file has ${listColumns(table.columns)}`);
  }
  throw new UserError(
    `${table.path}: no 'timestamp' column; name the time column with --timestamp <column>, or pass --no-timestamp ` +
      `when the rows are evenly spaced samples in file order; the file has ${listColumns(table.columns)}`,
  );
}

/** The channels: `--channels` (checked), else every column but the timestamp and `--ignore`. */
function channelColumns(table: CsvTable, timestamp: string | null, flags: SensorFlags): string[] {
  const ignore = flags.ignore ?? [];
  if (flags.channels === undefined) {
    const channels = table.columns.filter((c) => c !== timestamp && !ignore.includes(c));
    if (channels.length === 0) {
      throw new UserError(`${table.path}: no channel columns left once the timestamp and --ignore columns are set aside`);
    }
    return channels;
  }
  const unknown = flags.channels.filter((c) => !table.columns.includes(c));
  if (unknown.length > 0) {
    throw new UserError(`--channels: no column ${listColumns(unknown, 5)} in ${table.path}; the file has ${listColumns(table.columns)}`);
  }
  const duplicate = flags.channels.find((c, i) => flags.channels!.indexOf(c) !== i);
  if (duplicate !== undefined) throw new UserError(`--channels: '${duplicate}' is listed twice`);
  if (timestamp !== null && flags.channels.includes(timestamp)) {
    throw new UserError(`--channels: '${timestamp}' is the timestamp column, not a channel`);
  }
  const ignored = flags.channels.filter((c) => ignore.includes(c));
  if (ignored.length > 0) throw new UserError(`--channels and --ignore both name ${listColumns(ignored, 5)}`);
  return flags.channels;
}

/**
 * `train()`'s sensor adapter options from the flags. Throws `UserError` naming the flag for a
 * missing `--window`, a window longer than the file, or a column the file does not have.
 */
export function sensorAdapterOptions(table: CsvTable, flags: SensorFlags): SensorTrainAdapterOptions {
  if (flags.window === undefined) {
    throw new UserError('--window: required with --adapter sensor (samples per model input, e.g. --window 64)');
  }
  const timestamp = timestampColumn(table, flags.timestamp);
  const channels = channelColumns(table, timestamp, flags);
  const differences = flags.differences === true;
  const steps = flags.window + (differences ? 1 : 0);
  const rows = table.records.length;
  if (steps > rows) {
    throw new UserError(
      `--window ${flags.window}: a window needs ${steps} samples${differences ? ' (one more with --differences)' : ''} ` +
        `but ${table.path} has ${rows} data row${rows === 1 ? '' : 's'}`,
    );
  }
  return {
    kind: 'sensor', window: flags.window, timestamp, channels,
    ...(flags.stride === undefined ? {} : { stride: flags.stride }),
    ...(differences ? { differences } : {}),
  };
}
