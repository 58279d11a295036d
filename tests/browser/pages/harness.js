// The browser tests' page code, as an app module would call the runtime. Each function returns
// plain data (arrays of numbers) for the test to compare with Node's scores.

/** What the tests compare: scores, their parts, p-values and row 0's top explained column. */
async function summarise(detector, rows) {
  const r = await detector.score(rows);
  return {
    backend: detector.backend, scores: [...r.scores], nll: [...r.nll], kl: [...r.kl],
    pValues: [...r.pValues], topColumn: r.explain(0, 1).columns[0].column,
  };
}

async function records() {
  return (await fetch('/files/records.json')).json();
}

/** (a) The main thread, wasm entry; also three overlapping score() calls on the one detector. */
async function scoreMain() {
  const { loadDetector } = await import('/novae/novae.js');
  const detector = await loadDetector('/files/model.onnx');
  try {
    const rows = await records();
    const out = await summarise(detector, rows);
    const overlapping = await Promise.all([0, 1, 2].map(() => detector.score(rows)));
    out.overlappingScores = overlapping.map((r) => [...r.scores]);
    return out;
  } finally {
    await detector.dispose();
  }
}

/** (b) A Web Worker through @novae/runtime/worker. */
async function scoreWorker() {
  const { wrapDetector } = await import('/novae/novae-worker.js');
  const worker = new Worker('/score-worker.js', { type: 'module' });
  try {
    const detector = await wrapDetector(worker, new URL('/files/model.onnx', location.href).href);
    const out = await summarise(detector, await records());
    await detector.dispose();
    return out;
  } finally {
    worker.terminate();
  }
}

/** (c) WebGPU, through the JSEP entry; `backend: 'auto'` tries webgpu, webnn, then wasm. */
async function scoreWebgpu(backend = 'webgpu') {
  const { loadDetector } = await import('/novae/novae-webgpu.js');
  const detector = await loadDetector('/files/model.onnx', { backend });
  try {
    return await summarise(detector, await records());
  } finally {
    await detector.dispose();
  }
}

/** The external flavour (ONNX Runtime from the import map), its .wasm from `wasmPaths`. */
async function scoreExternal(wasmPaths) {
  const { loadDetector } = await import('/novae-external/novae.js');
  const detector = await loadDetector('/files/model.onnx', { wasmPaths });
  try {
    const out = await summarise(detector, await records());
    out.wasmUrls = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm'));
    return out;
  } finally {
    await detector.dispose();
  }
}

/** The error (name: message) each URL's load gives, or 'loaded'. */
async function loadErrors(urls) {
  const { loadDetector } = await import('/novae/novae.js');
  const messages = [];
  for (const url of urls) {
    try {
      await (await loadDetector(url)).dispose();
      messages.push('loaded');
    } catch (err) {
      messages.push(`${err.name}: ${err.message}`);
    }
  }
  return messages;
}

globalThis.harness = { scoreMain, scoreWorker, scoreWebgpu, scoreExternal, loadErrors };
