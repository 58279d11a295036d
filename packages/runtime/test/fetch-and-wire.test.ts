/**
 * Loading over HTTP (what browsers do; Node >= 20 too) with clear errors, concurrent runs on the wasm
 * provider (queued by the detector; they must equal sequential runs), and the dependency-free protobuf reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import protobuf from 'protobufjs/minimal.js';
import { loadDetector, ManifestError, readModelMetadata } from '../src/platform/node.js';
import { ProtoReader } from '../src/proto-reader.js';
import { sampleRecords, tinyModelBytes } from './helpers.js';

let server: Server;
let base: string;

beforeAll(async () => {
  const model = tinyModelBytes();
  server = createServer((req, res) => {
    if (req.url === '/model.onnx') res.writeHead(200).end(model);
    else if (req.url === '/page.html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p>hello</p>');
    else res.writeHead(404, 'Not Found').end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('loadDetector(url)', () => {
  it('fetches an http URL and scores like the file', async () => {
    const detector = await loadDetector(`${base}/model.onnx`, { backend: 'wasm' });
    const fromBytes = await loadDetector(tinyModelBytes(), { backend: 'wasm' });
    expect(Array.from((await detector.score(sampleRecords)).scores)).toEqual(Array.from((await fromBytes.score(sampleRecords)).scores));
    await detector.dispose();
    await fromBytes.dispose();
  });

  it('names the URL and the HTTP status when the fetch fails', async () => {
    const err = await loadDetector(new URL(`${base}/missing.onnx`)).catch((e) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect(err.message).toBe(`${base}/missing.onnx: cannot fetch model file (HTTP 404 Not Found)`);
  });

  it('says when the URL serves something that is not a model', async () => {
    await expect(loadDetector(`${base}/page.html`)).rejects.toThrow(`${base}/page.html: not an ONNX model file`);
  });
});

describe('concurrent score() on the wasm provider', () => {
  it('queues overlapping calls: every result equals the sequential one', async () => {
    const detector = await loadDetector(tinyModelBytes(), { backend: 'wasm' });
    const sequential = Array.from((await detector.score(sampleRecords)).scores);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => detector.score(sampleRecords, { samples: 1 + (i % 2) * 3 })));
    for (const [i, r] of results.entries()) {
      if (i % 2 === 0) expect(Array.from(r.scores)).toEqual(sequential);
    }
    await detector.dispose();
  });
});

describe('ProtoReader', () => {
  it('reads what protobufjs writes: varints up to 2^53, fixed32/64, strings and nested bytes', () => {
    const w = protobuf.Writer.create();
    w.uint32((1 << 3) | 0).uint64(2 ** 53 - 1);
    w.uint32((2 << 3) | 1).fixed64(12345);
    w.uint32((3 << 3) | 5).fixed32(7);
    w.uint32((4 << 3) | 2).string('naïve ✓');
    w.uint32((5 << 3) | 2).bytes(new Uint8Array([1, 2, 3]));
    const r = new ProtoReader(w.finish());
    expect(r.varint()).toBe(8);
    expect(r.varint()).toBe(2 ** 53 - 1);
    r.varint(); r.skipType(1);
    r.varint(); r.skipType(5);
    expect(r.varint()).toBe((4 << 3) | 2);
    expect(r.string()).toBe('naïve ✓');
    r.varint();
    expect(Array.from(r.bytes())).toEqual([1, 2, 3]);
    expect(r.pos).toBe(r.len);
  });

  it('rejects truncated input and bad wire types', () => {
    expect(() => readModelMetadata(tinyModelBytes().subarray(0, 100))).toThrow(/not an ONNX model file \(index out of range/);
    expect(() => new ProtoReader(new Uint8Array([0x0b])).skipType(3)).toThrow(/invalid wire type 3/);
  });
});
