/**
 * One registry of execution providers. `auto` tries them in priority order and reports the one that
 * really runs; when none works, ONE error lists every provider's reason.
 */
import type { InferenceSession } from 'onnxruntime-web';

/** The parts of an ONNX Runtime flavour (onnxruntime-node or onnxruntime-web) novae uses. */
export type OrtModule = typeof import('onnxruntime-web');

export type BackendName = 'node' | 'wasm' | 'webgpu' | 'webnn';
export type BackendChoice = 'auto' | BackendName;

/** Settings of onnxruntime-web's wasm module; they take effect when the module first initialises. */
export interface WasmOptions {
  /** Where the `.wasm`/`.mjs` files of onnxruntime-web are served from (a URL prefix or a file map). */
  wasmPaths?: string | { wasm?: string | URL; mjs?: string | URL };
  /** wasm threads; default: up to 4 when the page is `crossOriginIsolated`, else 1. */
  threads?: number;
}

/** How to open a session on one execution provider. */
export interface BackendProvider {
  name: BackendName;
  /** Import the ONNX Runtime flavour (lazily, so an absent optional package costs nothing). */
  load(options: WasmOptions): Promise<OrtModule>;
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

/** The first line of a failure, without ONNX Runtime's own "no available backend found. ERR: [x]" wrapper. */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const inner = /^no available backend found\. ERR: \[[^\]]+\] (?:Error: )?/.exec(message);
  return (inner ? message.slice(inner[0].length) : message).split('\n')[0]!.slice(0, 300);
}

/** The execution providers one platform entry offers. */
export interface ProviderSet {
  /** Providers this platform can offer. */
  providers: readonly BackendProvider[];
  /** The order `'auto'` tries them in, best first. */
  autoOrder: readonly BackendName[];
  /** Said when a backend this entry lacks is requested, e.g. which entry point offers it. */
  missingHint?: string;
}

/**
 * Open `model` on the first provider that works: `choice` itself, or for `'auto'` each of
 * `set.autoOrder` in turn. Every failure's reason is kept; when none works, one error lists them all.
 */
export async function openSession(
  model: Uint8Array,
  choice: BackendChoice,
  set: ProviderSet,
  wasmOptions: WasmOptions = {},
): Promise<OpenSession> {
  const known = new Map(set.providers.map((p) => [p.name, p]));
  if (choice !== 'auto' && !known.has(choice)) {
    const expected = ['auto', ...known.keys()].map((k) => `'${k}'`).join(', ');
    const hint = set.missingHint ? ` (${set.missingHint})` : '';
    throw new BackendError(`backend: '${choice}' is not available on this platform; expected one of ${expected}${hint}`);
  }
  const order = choice === 'auto' ? set.autoOrder : [choice];
  const failures: string[] = [];
  for (const name of order) {
    const provider = known.get(name);
    if (!provider) continue;
    try {
      const ort = await provider.load(wasmOptions);
      const session = await ort.InferenceSession.create(model, provider.sessionOptions);
      return { ort, session, backend: name };
    } catch (err) {
      failures.push(`[${name}] ${reason(err)}`);
    }
  }
  throw new BackendError(`no available backend found. ERR: ${failures.join(', ')}`);
}
