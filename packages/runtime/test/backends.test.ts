/**
 * The backend registry: `auto` tries providers one at a time, reports the one that runs, and when
 * none works throws ONE error with each provider's reason. Real ONNX Runtime flavours throughout;
 * the failing providers fail the way an unusable execution provider does (on load or on create).
 */
import { describe, expect, it } from 'vitest';
import * as ortWeb from 'onnxruntime-web';
import { openSession, type BackendProvider, type OrtModule } from '../src/backends.js';
import { BackendError } from '../src/index.js';
import { configureWasm } from '../src/wasm-env.js';
import { tinyModelBytes } from './helpers.js';

const wasm: BackendProvider = {
  name: 'wasm', load: async (o) => configureWasm(ortWeb as OrtModule, { ...o, threads: 1 }), sessionOptions: { executionProviders: ['wasm'] },
};
/** A provider whose package is missing: its import fails. */
const missing: BackendProvider = {
  name: 'node', load: async () => { throw new Error("Cannot find package 'onnxruntime-node'"); }, sessionOptions: {},
};
/** A real ORT flavour asked for an execution provider it cannot start here (no GPU in Node). */
const webgpu: BackendProvider = { ...wasm, name: 'webgpu', sessionOptions: { executionProviders: ['webgpu'] } };

describe('openSession', () => {
  it('auto skips providers that fail and reports the one that runs', async () => {
    const opened = await openSession(tinyModelBytes(), 'auto', { providers: [missing, webgpu, wasm], autoOrder: ['node', 'webgpu', 'wasm'] });
    expect(opened.backend).toBe('wasm');
    await opened.session.release();
  });

  it('lists every provider\'s reason in one error when none works', async () => {
    const err = await openSession(tinyModelBytes(), 'auto', { providers: [missing, webgpu], autoOrder: ['node', 'webgpu'] }).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toMatch(/^no available backend found\. ERR: \[node\] Cannot find package 'onnxruntime-node', \[webgpu\] \S/);
    expect(err.message).not.toMatch(/\[webgpu\] no available backend found/); // ORT's own wrapper is unwrapped
  });

  it('an explicit backend runs only that provider, and a missing one names the entry that has it', async () => {
    const set = { providers: [wasm], autoOrder: ['wasm'] as const, missingHint: "WebGPU and WebNN are in '@novae/runtime/webgpu'" };
    await expect(openSession(tinyModelBytes(), 'webgpu', set)).rejects.toThrow(
      "backend: 'webgpu' is not available on this platform; expected one of 'auto', 'wasm' (WebGPU and WebNN are in '@novae/runtime/webgpu')",
    );
    const opened = await openSession(tinyModelBytes(), 'wasm', set);
    expect(opened.backend).toBe('wasm');
    await opened.session.release();
  });
});

describe('configureWasm', () => {
  it('rejects a thread count that is not a positive integer', () => {
    expect(() => configureWasm(ortWeb as OrtModule, { threads: 0 })).toThrow('threads: expected a positive integer, got 0');
  });
});
