/**
 * PNG files written chunk by chunk, for the colour types and bit depths pngjs cannot write itself
 * (palette, 1-bit gray): signature, IHDR, optional PLTE and tRNS, one IDAT, IEND.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

export interface RawPng {
  width: number;
  height: number;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  /** Each row's packed bytes (no filter byte: filter 0 is added). */
  rows: readonly number[][];
  /** RGB triples, for colour type 3. */
  palette?: readonly [number, number, number][];
  /** tRNS chunk bytes: alpha per palette entry, for colour type 3. */
  transparency?: readonly number[];
}

/** The bytes of a PNG file with these exact chunks. */
export function rawPng(png: RawPng): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(png.width, 0);
  header.writeUInt32BE(png.height, 4);
  header[8] = png.bitDepth;
  header[9] = png.colorType;
  const scanlines = Buffer.from(png.rows.flatMap((row) => [0, ...row]));
  const chunks = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header)];
  if (png.palette) chunks.push(chunk('PLTE', Buffer.from(png.palette.flat())));
  if (png.transparency) chunks.push(chunk('tRNS', Buffer.from(png.transparency)));
  chunks.push(chunk('IDAT', deflateSync(scanlines)), chunk('IEND', new Uint8Array(0)));
  return new Uint8Array(Buffer.concat(chunks));
}
