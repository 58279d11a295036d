// `npm run bench:runtime` in Chromium: time loadDetector + the first score() of a model, as an app
// does on page load. The bench calls it on a fresh page twice: cold, then with the .wasm cached.
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

globalThis.bench = { loadAndScore };
