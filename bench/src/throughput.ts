/**
 * `node bench/dist/throughput.js [--dataset shuttle] [--seed 0] [--backends node,wasm] [--batch 4096]`:
 * trains the default model (train() with no options but the label column ignored) on a dataset's
 * protocol training rows, then reports the exported file's size and the scoring throughput of
 * @novae/runtime's scoreEncoded: rows/s at the given batch size and the latency of one-row calls.
 * For a table model it also times the marginal term alone (MarginalScorer.addTo, which scoreEncoded
 * runs after the ONNX graph) on the same batch, as a share of each backend's batch time.
 */
import { performance } from 'node:perf_hooks';
import { loadDetector, MarginalScorer, type BackendChoice } from '@novae/runtime';
import { train } from '@novae/trainer';
import { loadDataset } from './data.js';
import { integerFlag, nameList, readFlags } from './flags.js';
import { splitProtocol } from './protocol.js';

interface Flags { dataset: string; seed: number; backends: string[]; batch: number }

const USAGE = 'usage: node bench/dist/throughput.js [--dataset shuttle] [--seed 0] [--backends node,wasm] [--batch 4096]';
const SPEC = { dataset: { type: 'string' }, seed: { type: 'string' }, backends: { type: 'string' }, batch: { type: 'string' } } as const;

function parseFlags(argv: readonly string[]): Flags | 'help' {
  const flags = readFlags(argv, SPEC, USAGE);
  if (flags === 'help') return 'help';
  return {
    dataset: flags.dataset ?? 'shuttle',
    seed: flags.seed === undefined ? 0 : integerFlag('--seed', flags.seed, 0),
    backends: flags.backends === undefined ? ['node', 'wasm'] : nameList('--backends', flags.backends),
    batch: flags.batch === undefined ? 4096 : integerFlag('--batch', flags.batch, 1),
  };
}

/** Calls per second of `fn`: at least `minCalls` calls and `minMs` milliseconds, after one warm-up. */
async function rate(fn: () => Promise<unknown>, minCalls: number, minMs: number): Promise<{ calls: number; ms: number }> {
  await fn();
  let calls = 0;
  const t0 = performance.now();
  while (calls < minCalls || performance.now() - t0 < minMs) {
    await fn();
    calls++;
  }
  return { calls, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags === 'help') {
    console.log(USAGE);
    return;
  }
  const split = splitProtocol(loadDataset(flags.dataset));
  const trained = await train(split.train, { adapter: { ignore: ['label'] }, seed: flags.seed });
  const m = trained.manifest;
  const width = trained.adapter.width;
  const encoded = trained.adapter.encode(split.test);
  const batch = new Float32Array(flags.batch * width);
  for (let r = 0; r < flags.batch; r++) {
    const src = (r % split.test.length) * width;
    batch.set(encoded.subarray(src, src + width), r * width);
  }
  const one = encoded.slice(0, width);
  const ensemble = (m.model as { ensemble?: { members: number } }).ensemble;
  console.log(`dataset ${flags.dataset}, seed ${flags.seed}: ${width} features, latent ${m.model.latentDim}, ` +
    `hidden [${(m.model.hidden ?? []).join(', ')}], members ${ensemble?.members ?? 1}, epochs ${m.training.epochs}, ` +
    `trained in ${m.training.seconds} s`);
  console.log(`model file: ${trained.bytes.byteLength} bytes (${(trained.bytes.byteLength / 1024).toFixed(1)} KiB), ` +
    `manifest ${JSON.stringify(m).length} bytes of it`);
  const term = m.score.marginal;
  let marginalMs: number | undefined;
  if (term !== undefined) {
    const scorer = new MarginalScorer(term);
    const t = await rate(async () => scorer.addTo(batch, flags.batch, new Float32Array(flags.batch), new Float32Array(flags.batch * width)), 10, 1000);
    marginalMs = t.ms / t.calls;
    console.log(`marginal term alone, batch ${flags.batch}: ${marginalMs.toFixed(2)} ms/call`);
  }
  for (const backend of flags.backends) {
    const detector = await loadDetector(trained.bytes, { backend: backend as BackendChoice });
    try {
      const big = await rate(() => detector.scoreEncoded(batch, flags.batch), 10, 2000);
      const small = await rate(() => detector.scoreEncoded(one, 1), 200, 1000);
      console.log(`${detector.backend.padEnd(5)} batch ${flags.batch}: ${Math.round((big.calls * flags.batch) / (big.ms / 1000)).toLocaleString('en-US')} rows/s` +
        `  (${(big.ms / big.calls).toFixed(2)} ms/call${marginalMs === undefined ? '' : `, ${Math.round((100 * marginalMs) / (big.ms / big.calls))} % of it the marginal term`});` +
        `  batch 1: ${((small.ms / small.calls) * 1000).toFixed(0)} us/call`);
    } finally {
      await detector.dispose();
    }
  }
  await trained.dispose();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
