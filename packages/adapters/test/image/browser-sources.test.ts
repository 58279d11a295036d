/**
 * Browser image sources, with stand-ins for the browser classes stubbed onto globalThis: a source
 * is drawn at its native size onto one reused canvas, read back as RGBA, and then encoded exactly
 * like the same pixels passed as an ImageLike.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fitImage } from '../../src/index.js';
import { thrown } from '../thrown.js';
import { randomBytes } from './helpers.js';

/** Pixels a stand-in source holds, drawn by `FakeContext.drawImage`. */
interface Painted {
  rgba: Uint8ClampedArray;
  taint?: boolean;
}

class FakeBitmap implements Painted {
  constructor(readonly width: number, readonly height: number, readonly rgba: Uint8ClampedArray) {}
  close(): void {}
}

class FakeImage implements Painted {
  readonly complete = true;
  taint = false;
  constructor(readonly naturalWidth: number, readonly naturalHeight: number, readonly rgba: Uint8ClampedArray) {}
}

class FakeVideo implements Painted {
  constructor(readonly videoWidth: number, readonly videoHeight: number, readonly rgba: Uint8ClampedArray, readonly readyState = 4) {}
}

class FakeVideoFrame implements Painted {
  readonly codedWidth: number;
  constructor(readonly displayWidth: number, readonly displayHeight: number, readonly rgba: Uint8ClampedArray) {
    this.codedWidth = displayWidth;
  }
  close(): void {}
}

/** The native size of a stand-in source, as a browser's drawImage(source, 0, 0) would use it. */
function nativeSize(s: Record<string, number>): [number, number] {
  if ('naturalWidth' in s) return [s.naturalWidth!, s.naturalHeight!];
  if ('videoWidth' in s) return [s.videoWidth!, s.videoHeight!];
  if ('displayWidth' in s) return [s.displayWidth!, s.displayHeight!];
  return [s.width!, s.height!];
}

class FakeCanvas {
  static created = 0;
  /** The canvas whose 2D context was asked for last (the adapter's drawing surface). */
  static surface: FakeCanvas | undefined;
  pixels = new Uint8ClampedArray(0);
  compositeOperations: string[] = [];
  constructor(public width = 300, public height = 150) {
    FakeCanvas.created++;
  }
  getContext(id: string, options: { willReadFrequently?: boolean }) {
    expect(id).toBe('2d');
    expect(options.willReadFrequently).toBe(true);
    const canvas = this;
    FakeCanvas.surface = canvas;
    return {
      set globalCompositeOperation(op: string) { canvas.compositeOperations.push(op); },
      get globalCompositeOperation() { return canvas.compositeOperations.at(-1) ?? 'source-over'; },
      clearRect(x: number, y: number, w: number, h: number) {
        expect([x, y, w, h]).toEqual([0, 0, canvas.width, canvas.height]);
        canvas.pixels = new Uint8ClampedArray(w * h * 4);
      },
      drawImage(source: Painted, x: number, y: number) {
        expect([x, y]).toEqual([0, 0]);
        // Drawn at native size onto a canvas of exactly that size.
        expect(nativeSize(source as never)).toEqual([canvas.width, canvas.height]);
        if (source.taint) {
          const err = new Error('The canvas has been tainted by cross-origin data.');
          err.name = 'SecurityError';
          throw err;
        }
        canvas.pixels.set(source.rgba);
      },
      getImageData(x: number, y: number, w: number, h: number) {
        expect([x, y, w, h]).toEqual([0, 0, canvas.width, canvas.height]);
        return { data: canvas.pixels.slice(), width: w, height: h };
      },
    };
  }
}

function stubBrowser(withCanvas = true): void {
  vi.stubGlobal('ImageBitmap', FakeBitmap);
  vi.stubGlobal('HTMLImageElement', FakeImage);
  vi.stubGlobal('HTMLVideoElement', FakeVideo);
  vi.stubGlobal('VideoFrame', FakeVideoFrame);
  vi.stubGlobal('HTMLCanvasElement', FakeCanvas);
  if (withCanvas) vi.stubGlobal('OffscreenCanvas', FakeCanvas);
}

const rgba = (w: number, h: number, seed: number) => Uint8ClampedArray.from(randomBytes(w * h * 4, seed));

afterEach(() => {
  vi.unstubAllGlobals();
});

// These run in order: the first finds no canvas, the next ones share the canvas they create.
describe('browser image sources', () => {
  it('says so when there is no canvas to draw on', () => {
    stubBrowser(false);
    const e = thrown(() => fitImage({ width: 2, height: 2 }).encode([new FakeBitmap(2, 2, rgba(2, 2, 1))]));
    expect(e.message).toBe(
      'encode: images[0]: no 2D canvas to draw the image on (no OffscreenCanvas or document here); pass an ImageLike { data, width, height }',
    );
  });

  it('draws each source at its native size and encodes it like its pixels as an ImageLike', () => {
    stubBrowser();
    const adapter = fitImage({ width: 2, height: 3, channels: 3 });
    const sources = [
      new FakeBitmap(5, 4, rgba(5, 4, 1)),
      new FakeImage(3, 7, rgba(3, 7, 2)),
      new FakeVideo(4, 4, rgba(4, 4, 3)),
      new FakeVideoFrame(2, 3, rgba(2, 3, 4)),
    ];
    const x = adapter.encode(sources);
    const expected = adapter.encode(sources.map((s) => {
      const [width, height] = nativeSize(s as never);
      return { data: s.rgba, width, height };
    }));
    expect(x).toEqual(expected);
    // A canvas is a source too.
    const canvas = new FakeCanvas(3, 3);
    Object.assign(canvas, { rgba: rgba(3, 3, 5) });
    const out = new Float32Array(adapter.width);
    adapter.encodeInto(canvas as never, out, 0);
    expect(out).toEqual(adapter.encode([{ data: (canvas as unknown as Painted).rgba, width: 3, height: 3 }]));
  });

  it('reuses one canvas, resized to each source and drawn with copy', () => {
    stubBrowser();
    const before = FakeCanvas.created;
    const adapter = fitImage({ width: 2, height: 2 });
    adapter.encode([new FakeBitmap(4, 4, rgba(4, 4, 1)), new FakeBitmap(6, 2, rgba(6, 2, 2)), new FakeBitmap(4, 4, rgba(4, 4, 3))]);
    expect(FakeCanvas.created).toBe(before);
    expect(FakeCanvas.surface!.compositeOperations.slice(-3)).toEqual(['copy', 'copy', 'copy']);
    expect([FakeCanvas.surface!.width, FakeCanvas.surface!.height]).toEqual([4, 4]);
  });

  it('names a source without pixels and says what to wait for', () => {
    stubBrowser();
    const adapter = fitImage({ width: 2, height: 2 });
    expect(thrown(() => adapter.encode([new FakeImage(0, 0, rgba(0, 0, 1))])).message).toBe(
      'encode: images[0]: the HTMLImageElement has no pixels (0x0): wait until it has loaded (await image.decode())',
    );
    expect(thrown(() => adapter.encode([new FakeBitmap(1, 1, rgba(1, 1, 1)), new FakeVideo(0, 0, rgba(0, 0, 1), 0)])).message).toBe(
      "encode: images[1]: the HTMLVideoElement has no pixels (0x0): wait for its 'loadeddata' event",
    );
    expect(thrown(() => adapter.encode([new FakeVideoFrame(0, 0, rgba(0, 0, 1))])).message).toBe(
      'encode: images[0]: the VideoFrame has no pixels (0x0): was it closed?',
    );
  });

  it('explains a canvas tainted by a cross-origin image', () => {
    stubBrowser();
    const image = new FakeImage(2, 2, rgba(2, 2, 1));
    image.taint = true;
    expect(thrown(() => fitImage({ width: 2, height: 2 }).encode([image])).message).toBe(
      "encode: images[0]: could not read the HTMLImageElement's pixels: SecurityError: The canvas has been tainted by cross-origin data. " +
        '(a cross-origin image taints the canvas: serve it with CORS headers and set crossOrigin)',
    );
  });

  it('falls back to a document canvas where there is no OffscreenCanvas', async () => {
    vi.resetModules();
    const fresh = await import('../../src/index.js');
    stubBrowser(false);
    const created: string[] = [];
    vi.stubGlobal('document', { createElement: (tag: string) => (created.push(tag), new FakeCanvas()) });
    const adapter = fresh.fitImage({ width: 2, height: 2 });
    const bitmap = new FakeBitmap(3, 3, rgba(3, 3, 9));
    expect(adapter.encode([bitmap])).toEqual(adapter.encode([{ data: bitmap.rgba, width: 3, height: 3 }]));
    expect(created).toEqual(['canvas']);
  });
});
