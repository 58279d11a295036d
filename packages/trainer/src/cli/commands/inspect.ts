/** `novae inspect <model>`: what a model file holds — its manifest and a summary of its graph. */
import { Command } from 'commander';
import { readManifest } from '@novae/runtime';
import { formatBytes, formatCount } from '../format.js';
import { summarizeGraph, type GraphSummary, type TensorSummary } from '../graph-summary.js';
import { readInputFile } from '../input-file.js';
import { manifestLines } from '../manifest-summary.js';
import { UserError } from '../user-error.js';

export interface InspectCommandOptions {
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ novae inspect fraud.onnx
  $ novae inspect fraud.onnx --json > manifest.json`;

function tensorLine(kind: string, t: TensorSummary, width: number): string {
  return `  ${kind.padEnd(6)} ${t.name.padEnd(width)}  ${t.type} [${t.shape.join(', ')}]`;
}

function graphLines(g: GraphSummary): string[] {
  const width = Math.max(...[...g.inputs, ...g.outputs].map((t) => t.name.length), 1);
  return [
    `graph        IR version ${g.irVersion}, opset ${g.opsets.join(', ') || 'none'}, ${formatCount(g.nodes)} nodes, ` +
      `${formatCount(g.parameters)} parameters in ${g.initializers} initializers, file ${formatBytes(g.fileBytes)}`,
    ...g.inputs.map((t) => tensorLine('input', t, width)),
    ...g.outputs.map((t) => tensorLine('output', t, width)),
  ];
}

/** Run `novae inspect`. */
export async function runInspect(modelPath: string, options: InspectCommandOptions): Promise<void> {
  const bytes = new Uint8Array(await readInputFile(modelPath, 'a .onnx model file'));
  const manifest = readManifest(bytes, modelPath);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return;
  }
  let graph: GraphSummary;
  try {
    graph = summarizeGraph(bytes);
  } catch (err) {
    throw new UserError(`${modelPath}: not a readable ONNX model file (${(err as Error).message})`);
  }
  process.stdout.write(`${[`${modelPath}`, ...manifestLines(manifest), ...graphLines(graph)].join('\n')}\n`);
}

/** The `inspect` command. */
export function inspectCommand(): Command {
  return new Command('inspect')
    .description('Show what a model file holds: its manifest (adapter, model, calibration, training) and its ONNX graph.')
    .argument('<model>', 'model file written by novae train (.onnx)')
    .option('--json', 'print the manifest as JSON instead')
    .addHelpText('after', EXAMPLES)
    .action((model: string, options: InspectCommandOptions) => runInspect(model, options));
}
