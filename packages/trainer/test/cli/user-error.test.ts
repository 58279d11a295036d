/** Unit tests of how the CLI reports errors: one line for known errors, the stack only on request. */
import { describe, expect, it } from 'vitest';
import { ManifestError } from '@novae/runtime';
import { formatError, isUserError, UserError } from '../../src/cli/user-error.js';
import { TrainInputError } from '../../src/options.js';
import { MetricsInputError } from '../../src/metrics.js';

describe('formatError', () => {
  it('prints known errors as one line, without a stack', () => {
    for (const err of [new UserError('x.csv: no data rows'), new ManifestError('m.onnx: bad'), new TrainInputError('epochs: bad'), new MetricsInputError('labels: bad')]) {
      expect(isUserError(err)).toBe(true);
      expect(formatError(err, false)).toBe(`novae: ${err.message}\n`);
    }
    expect(formatError(new UserError('two\n  lines'), false)).toBe('novae: two lines\n');
  });

  it('marks unexpected errors as internal and shows the stack only in debug mode', () => {
    const err = new TypeError('boom');
    expect(isUserError(err)).toBe(false);
    const plain = formatError(err, false);
    expect(plain.split('\n')[0]).toBe('novae: internal error: boom');
    expect(plain).not.toMatch(/^\s+at /m);
    expect(formatError(err, true)).toMatch(/^\s+at /m);
  });
});
