/**
 * Test helper: rewrite the top level of an ONNX ModelProto — replace or drop the novae manifest, or
 * make the graph unrunnable — by copying untouched fields' bytes and encoding new ones with
 * protobufjs' writer.
 */
import protobuf from 'protobufjs/minimal.js';
import { MANIFEST_KEY, type Manifest } from '../src/index.js';
import { readManifest } from '../src/model-file.js';

const METADATA_PROPS = 14;
const OPSET_IMPORT = 8;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}

/**
 * `edit` undefined drops the manifest; otherwise it mutates a copy of the manifest, which is
 * written back unvalidated. `corruptGraph` declares an opset version no ONNX Runtime implements.
 */
export function replaceManifest(
  bytes: Uint8Array, edit: ((m: Manifest) => unknown) | undefined, options: { corruptGraph?: boolean } = {},
): Uint8Array {
  const manifest = structuredClone(readManifest(bytes));
  const reader = protobuf.Reader.create(bytes);
  const parts: Uint8Array[] = [];
  while (reader.pos < reader.len) {
    const start = reader.pos;
    const tag = reader.uint32();
    reader.skipType(tag & 7);
    const field = tag >>> 3;
    if (field === METADATA_PROPS) continue;
    if (field === OPSET_IMPORT && options.corruptGraph) {
      const w = protobuf.Writer.create();
      w.uint32(tag).fork().uint32((1 << 3) | 2).string('').uint32(2 << 3).int64(9999).ldelim();
      parts.push(w.finish());
      continue;
    }
    parts.push(bytes.subarray(start, reader.pos));
  }
  if (edit) {
    edit(manifest);
    const w = protobuf.Writer.create();
    w.uint32((METADATA_PROPS << 3) | 2).fork()
      .uint32((1 << 3) | 2).string(MANIFEST_KEY)
      .uint32((2 << 3) | 2).string(JSON.stringify(manifest))
      .ldelim();
    parts.push(w.finish());
  }
  return concat(parts);
}
