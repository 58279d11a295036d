/**
 * Command-line parsing shared by the benchmarks: Node's `util.parseArgs` reads the flags; these
 * helpers check their values, each error naming the flag and what it expected.
 */
import { parseArgs } from 'node:util';

/** The flags a benchmark takes: each a string or a boolean switch. */
export type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;
/** The values `readFlags` returns for a spec: absent flags are undefined. */
export type FlagValues<S extends FlagSpec> = { [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string };

export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

/** Parse `argv` strictly (unknown flags and stray positionals are errors); `'help'` for -h/--help. */
export function readFlags<S extends FlagSpec>(argv: readonly string[], spec: S, usage: string): FlagValues<S> | 'help' {
  try {
    const { values } = parseArgs({ args: [...argv], options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true });
    return (values as { help?: boolean }).help ? 'help' : (values as FlagValues<S>);
  } catch (err) {
    throw new ArgsError(`${(err as Error).message}\n${usage}`);
  }
}

/** `a, b,c` -> ['a', 'b', 'c']; at least one name. */
export function nameList(flag: string, text: string): string[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new ArgsError(`${flag}: expected a comma-separated list`);
  return names;
}

/** An integer >= `min`. */
export function integerFlag(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new ArgsError(`${flag}: expected an integer >= ${min}, got ${text}`);
  return n;
}

/** A JSON object. */
export function jsonObject(flag: string, text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch { /* reported below */ }
  throw new ArgsError(`${flag}: expected a JSON object, got ${text}`);
}
