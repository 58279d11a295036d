/**
 * Picks the TF.js backend for training: `@tensorflow/tfjs-node-gpu` (CUDA) or `@tensorflow/tfjs-node`
 * when the user installed them (optional peers, imported dynamically), else the wasm backend, else
 * the pure-JS cpu backend. The choice is reported and recorded in the manifest.
 */
import * as tf from '@tensorflow/tfjs';

export type TrainingBackend = 'auto' | 'wasm' | 'cpu' | 'tensorflow' | 'tensorflow-gpu';
export const TRAINING_BACKENDS: readonly TrainingBackend[] = ['auto', 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu'];

export class TrainingBackendError extends Error {
  override readonly name = 'TrainingBackendError';
}

/** How to make one TF.js backend current; returns false (or throws) when it is not available. */
const activators: Record<Exclude<TrainingBackend, 'auto'>, () => Promise<boolean>> = {
  'tensorflow-gpu': async () => {
    await import(/* optional peer */ '@tensorflow/tfjs-node-gpu' as string);
    return tf.setBackend('tensorflow');
  },
  tensorflow: async () => {
    await import(/* optional peer */ '@tensorflow/tfjs-node' as string);
    return tf.setBackend('tensorflow');
  },
  wasm: async () => {
    await import('@tensorflow/tfjs-backend-wasm');
    return tf.setBackend('wasm');
  },
  // @tensorflow/tfjs registers the cpu backend itself.
  cpu: async () => tf.setBackend('cpu'),
};

const AUTO_ORDER: readonly Exclude<TrainingBackend, 'auto'>[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

let active: Exclude<TrainingBackend, 'auto'> | undefined;

/**
 * Make the requested backend current (or the best available one for `'auto'`) and return its name.
 * A backend asked for by name that cannot load is an error naming it and why.
 */
export async function useTrainingBackend(choice: TrainingBackend = 'auto'): Promise<Exclude<TrainingBackend, 'auto'>> {
  if (!TRAINING_BACKENDS.includes(choice)) {
    throw new TrainingBackendError(`backend: expected one of ${TRAINING_BACKENDS.join(', ')}, got '${choice}'`);
  }
  if (choice === 'auto' && active !== undefined) return active;
  if (choice === active) return active;
  const order = choice === 'auto' ? AUTO_ORDER : [choice];
  const failures: string[] = [];
  for (const name of order) {
    try {
      if (await activators[name]()) {
        await tf.ready();
        active = name;
        return name;
      }
      failures.push(`[${name}] setBackend returned false`);
    } catch (err) {
      failures.push(`[${name}] ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const hint = choice === 'tensorflow' || choice === 'tensorflow-gpu'
    ? ` (install @tensorflow/tfjs-node${choice === 'tensorflow-gpu' ? '-gpu' : ''} to use it)` : '';
  throw new TrainingBackendError(`backend '${choice}' is not available${hint}: ${failures.join(', ')}`);
}
