// A PNG's framing (the PNG specification's datastream structure): the 8-byte signature, then chunks of length,
// type, data and a CRC-32 over type and data. The text chunks (png-text.ts) and the tests' hand-made PNGs build
// on it.
import { crc32 } from "node:zlib";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  type: string;
  data: Buffer;
  /** Offset of the chunk's length field; `end` is one past its CRC. */
  start: number;
  end: number;
}

/** The chunks of `png` in file order, up to and including IEND. */
export function* pngChunks(png: Buffer): Generator<PngChunk> {
  if (png.length < PNG_SIGNATURE.length || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new Error("not a PNG file");
  }
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error(`truncated PNG chunk ${type}`);
    yield { type, data: png.subarray(offset + 8, offset + 8 + length), start: offset, end };
    if (type === "IEND") return;
    offset = end;
  }
}

export function encodePngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  // The CRC covers the type and the data, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
