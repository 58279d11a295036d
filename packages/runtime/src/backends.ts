/**
 * One registry of execution providers. `auto` tries them in priority order and reports the one that
 * really runs; when none works, ONE error lists every provider's reason.
 */
import type { InferenceSession } from 'onnxruntime-web';

/** The parts of an ONNX Runtime flavour (onnxruntime-node or onnxruntime-web) novae uses. */
export type OrtModule = typeof import('onnxruntime-web');

export type BackendName = 'node' | 'wasm' | 'webgpu' | 'webnn';
export type BackendChoice = 'auto' | BackendName;

/** How to open a session on one execution provider. */
export interface BackendProvider {
  name: BackendName;
  /** Import the ONNX Runtime flavour (lazily, so an absent optional package costs nothing). */
  load(): Promise<OrtModule>;
  /** Session options that select this execution provider. */
  sessionOptions: InferenceSession.SessionOptions;
}

/** An open session and the flavour and provider that run it. */
export interface OpenSession {
  ort: OrtModule;
  session: InferenceSession;
  backend: BackendName;
}

/** Raised when no requested execution provider can run the model. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}

function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 300);
}

/**
 * Open `model` on the first provider of `order` that works. `order` lists backend names, best
 * first; `providers` are the ones this platform knows.
 */
export async function openSession(
  model: Uint8Array,
  choice: BackendChoice,
  autoOrder: readonly BackendName[],
  providers: readonly BackendProvider[],
): Promise<OpenSession> {
  const known = new Map(providers.map((p) => [p.name, p]));
  if (choice !== 'auto' && !known.has(choice)) {
    throw new BackendError(
      `backend: '${choice}' is not available on this platform; expected one of 'auto', ${[...known.keys()].map((k) => `'${k}'`).join(', ')}`,
    );
  }
  const order = choice === 'auto' ? autoOrder : [choice];
  const failures: string[] = [];
  for (const name of order) {
    const provider = known.get(name);
    if (!provider) continue;
    try {
      const ort = await provider.load();
      const session = await ort.InferenceSession.create(model, provider.sessionOptions);
      return { ort, session, backend: name };
    } catch (err) {
      failures.push(`[${name}] ${reason(err)}`);
    }
  }
  throw new BackendError(`no available backend found. ERR: ${failures.join(', ')}`);
}
