/**
 * `npm run bench:mnist-vae`: the seed notebook's run (DL4DS `04_vae_mnist.ipynb`) through novae's own
 * `train()`: an MLP VAE 784-400-20 with a Bernoulli decoder, BCE summed over pixels plus the analytic
 * KL, Adam 1e-3, batch 128, 10 epochs, on the digits of the `mnist` npm package (10,000 images; the
 * notebook used the 60,000 of full MNIST). Prints recon / KL / total per epoch, as the notebook does.
 */
import { train } from '@novae/trainer';
import { allDigits } from './mnist.js';

/** The notebook's last epoch on full MNIST, in nats per image. */
const NOTEBOOK = { recon: 81.06, kl: 25.25, total: 106.31 };

async function main(): Promise<void> {
  const images = allDigits().flat();
  const started = performance.now();
  console.log(`MLP VAE 784-400-20, Bernoulli, Adam 1e-3, batch 128, 10 epochs; ${images.length} mnist-package digits, 20% held out`);
  const model = await train(images, {
    adapter: { kind: 'image', width: 28, height: 28, channels: 1 },
    architecture: 'mlp', hidden: [400], latentDim: 20, likelihood: 'bernoulli',
    epochs: 10, batchSize: 128, learningRate: 1e-3, patience: 10, ensemble: [{}], seed: 0, validationSplit: 0.2,
    onProgress: (p) => {
      console.log(
        `====> Epoch: ${p.epoch} recon ${p.recon.toFixed(2)}  KL ${p.kl.toFixed(2)}  total ${(p.recon + p.kl).toFixed(2)}` +
        `  (held-out total ${p.validationLoss.toFixed(2)}, ${p.seconds.toFixed(1)} s)`,
      );
    },
  });
  const last = model.history[model.history.length - 1]!;
  console.log(
    `\nlast epoch: recon ${last.recon.toFixed(2)}, KL ${last.kl.toFixed(2)}, total ${(last.recon + last.kl).toFixed(2)} nats per image ` +
    `(notebook on full MNIST: ${NOTEBOOK.recon}, ${NOTEBOOK.kl}, ${NOTEBOOK.total}); ` +
    `backend ${model.manifest.training.backend}, ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `export check ${model.exportCheck.maxRelativeDifference.toExponential(2)} over ${model.exportCheck.rows} images`,
  );
  await model.dispose();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
