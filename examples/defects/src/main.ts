/**
 * `npm run example:defects [-- --material wood --train 300 --epochs 30 --architecture conv --out out]`:
 * train on clean surfaces, score a mixed set, write heat maps, print ROC-AUC and the pixel-level hit
 * rate.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDefectsDemo } from './demo.js';
import { MATERIALS, type Material } from './textures.js';

function count(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag}: expected a positive integer, got ${text}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      material: { type: 'string' }, train: { type: 'string' }, 'test-clean': { type: 'string' },
      'test-defective': { type: 'string' }, epochs: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' },
      architecture: { type: 'string' },
    },
    strict: true,
  });
  const material = (values.material ?? 'wood') as Material;
  if (!MATERIALS.includes(material)) throw new Error(`--material: expected one of ${MATERIALS.join(', ')}, got ${values.material}`);
  const architecture = values.architecture as 'mlp' | 'conv' | undefined;
  if (architecture !== undefined && !['mlp', 'conv'].includes(architecture)) {
    throw new Error(`--architecture: expected mlp or conv, got ${architecture}`);
  }
  const out = resolve(values.out ?? 'out');
  const options = {
    material, train: count('train', values.train, 300), testClean: count('test-clean', values['test-clean'], 60),
    testDefective: count('test-defective', values['test-defective'], 60), epochs: count('epochs', values.epochs, 30),
    seed: values.seed === undefined ? 0 : count('seed', values.seed, 0), out, architecture,
  };
  console.log(`Training ${architecture === undefined ? 'a VAE (the image default)' : `a ${architecture} VAE`} on ${options.train} clean ${material} images (64x64 grayscale, at most ${options.epochs} epochs)...`);
  const r = await runDefectsDemo({
    ...options,
    onProgress: (p) => process.stdout.write(`\r  epoch ${p.epoch}/${p.epochs}  validation ${p.validationLoss.toFixed(1)} nats  ${p.seconds.toFixed(0)} s`),
  });
  console.log(`\n  ${r.epochs} epochs in ${r.trainSeconds.toFixed(0)} s; model ${(r.modelBytes / 1024).toFixed(0)} KB`);
  console.log(`Scored ${options.testClean} clean and ${options.testDefective} defective images:`);
  console.log(`  image ROC-AUC     ${r.rocAuc.toFixed(3)}`);
  console.log(`  pixel hit rate    ${r.pixelHitRate.toFixed(3)}  (hottest map pixel within 2 px of the defect)`);
  console.log(`  pixel ROC-AUC     ${r.pixelAuroc.toFixed(3)}`);
  console.log(`  flagged at the calibrated threshold: ${Object.entries(r.flagged).map(([k, v]) => `${k} ${(100 * v).toFixed(0)}%`).join(', ')}`);
  console.log(`Model and ${r.files.length - 1} heat maps in ${out}`);
}

main().catch((err: unknown) => {
  console.error(`defects: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
