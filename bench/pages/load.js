// `npm run bench:runtime` in Chromium: time loadDetector + the first score() of a model, as an app
// does on page load, and the same with raw onnxruntime-web (InferenceSession.create + run) as the
// reference. The bench calls each on fresh pages: cold, then with the .wasm cached.
async function loadAndScore() {
  const started = performance.now();
  const { loadDetector } = await import('/novae/novae.js');
  const rows = await (await fetch('/files/records.json')).json();
  const detector = await loadDetector('/files/model.onnx');
  const loaded = performance.now();
  const result = await detector.score(rows);
  const done = performance.now();
  await detector.dispose();
  return { backend: detector.backend, rows: result.length, loadMs: loaded - started, firstScoreMs: done - loaded, totalMs: done - started };
}

/** Raw onnxruntime-web: import, create the session, one run on encoded rows (zeros) of the same batch. */
async function rawOrt() {
  const started = performance.now();
  const ort = await import('/ort/ort.wasm.min.mjs');
  const [rows, bytes, info] = await Promise.all([
    fetch('/files/records.json').then((r) => r.json()),
    fetch('/files/model.onnx').then((r) => r.arrayBuffer()),
    fetch('/files/shape.json').then((r) => r.json()),
  ]);
  const session = await ort.InferenceSession.create(new Uint8Array(bytes));
  const loaded = performance.now();
  const n = rows.length;
  await session.run({
    x: new ort.Tensor('float32', new Float32Array(n * info.width), [n, info.width]),
    eps: new ort.Tensor('float32', new Float32Array(n * info.latent), [1, n, info.latent]),
  });
  const done = performance.now();
  await session.release();
  return { backend: 'wasm', rows: n, loadMs: loaded - started, firstScoreMs: done - loaded, totalMs: done - started };
}

/**
 * The floor under both: fetch and compile onnxruntime-web's .wasm (14 MB in 1.30) and nothing else,
 * no ONNX Runtime start-up, no session. Neither of the two above can load faster than this.
 */
async function wasmOnly() {
  const started = performance.now();
  await WebAssembly.compileStreaming(fetch('/ort/ort-wasm-simd-threaded.wasm'));
  const done = performance.now();
  return { backend: 'wasm', rows: 0, loadMs: done - started, firstScoreMs: 0, totalMs: done - started };
}

globalThis.bench = { loadAndScore, rawOrt, wasmOnly };
