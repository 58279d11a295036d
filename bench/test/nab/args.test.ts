/** The NAB bench's --models flag and its default configuration. */
import { describe, expect, it } from 'vitest';
import { ArgsError, DEFAULT_CONFIG, isDefault, parseModels, parseNabArgs } from '../../src/nab/args.js';

describe('--models', () => {
  it('reads window lengths with d (differences) and n (newest reading), and dayB daily contexts', () => {
    expect(parseModels('32n,16d,day32')).toEqual([
      { kind: 'window', window: 32, differences: false, latest: true },
      { kind: 'window', window: 16, differences: true, latest: false },
      { kind: 'daily', blocks: 32 },
    ]);
    expect(parseModels('8dn')).toEqual([{ kind: 'window', window: 8, differences: true, latest: true }]);
  });

  it('names a bad entry', () => {
    expect(() => parseModels('32,x7')).toThrow(ArgsError);
    expect(() => parseModels('32,x7')).toThrow("got 'x7'");
    expect(() => parseModels('day0')).toThrow("got 'day0'");
  });

  it('the flags spelling out the default are the default', () => {
    const args = parseNabArgs(['--models', '32n,16d,day32']);
    expect(args !== 'help' && isDefault(args.config)).toBe(true);
    expect(DEFAULT_CONFIG.models).toHaveLength(3);
  });
});
