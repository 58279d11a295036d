/** The `novae` commander program: global settings and the four commands. */
import { Command } from 'commander';
import { PRODUCER } from '../version.js';
import { evalCommand } from './commands/eval.js';
import { inspectCommand } from './commands/inspect.js';
import { scoreCommand } from './commands/score.js';
import { trainCommand } from './commands/train.js';

const EXAMPLES = `
Examples:
  $ novae train normal.csv --ignore label --out model.onnx
  $ novae score model.onnx new.csv --out scores.csv
  $ novae eval model.onnx labelled.csv --label label
  $ novae inspect model.onnx

Run 'novae <command> --help' for a command's options.`;

/**
 * Build the program. Usage errors are written as one `novae: ...` line on stderr and thrown as
 * `CommanderError` (never `process.exit`), so the caller decides the exit code.
 */
export function createProgram(): Command {
  const program = new Command('novae')
    .description('Train variational-autoencoder anomaly detectors on CSV data, export them as ONNX, and score with them.')
    .version(PRODUCER.version, '-V, --version', 'print the novae version')
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(`novae: ${message.replace(/^error: /, '')}`),
    })
    .addHelpText('after', EXAMPLES);
  for (const command of [trainCommand(), scoreCommand(), evalCommand(), inspectCommand()]) {
    program.addCommand(command.copyInheritedSettings(program));
  }
  return program;
}
