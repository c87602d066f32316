// The safetensors format, read and written here (no pickle is ever executed): an 8-byte little-endian header
// length, a JSON header `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?: {str: str}}`, then the
// raw little-endian tensor bytes. F32, F16 and BF16 tensors are read as float32.
import crypto from "node:crypto";
import fs from "node:fs";
import { fromFloat16 } from "@/lib/onnx/float16";

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** Byte range inside the data section. */
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  metadata: Record<string, string>;
  tensors: Map<string, SafetensorsEntry>;
  /** Where the data section starts in the file. */
  dataStart: number;
}

/** Headers above this are refused (real files have a few hundred kB). */
const MAX_HEADER = 100 * 1024 * 1024;
const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

export class SafetensorsError extends Error {}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = fs.readSync(fd, buf, read, length - read, position + read);
    if (n === 0) throw new SafetensorsError("the file ends early");
    read += n;
  }
  return buf;
}

/** The header of a safetensors file, checked: known dtypes, offsets inside the file that match the shapes. */
export function readSafetensorsHeader(file: string): SafetensorsHeader {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 8) throw new SafetensorsError(`${file}: not a safetensors file`);
    const length = Number(readAt(fd, 0, 8).readBigUInt64LE());
    if (length > MAX_HEADER || 8 + length > size) throw new SafetensorsError(`${file}: header length ${length} is not plausible`);
    let json: unknown;
    try {
      json = JSON.parse(readAt(fd, 8, length).toString("utf8"));
    } catch {
      throw new SafetensorsError(`${file}: the header is not JSON`);
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) throw new SafetensorsError(`${file}: the header is not an object`);
    const metadata: Record<string, string> = {};
    const tensors = new Map<string, SafetensorsEntry>();
    const dataSize = size - 8 - length;
    for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
      if (name === "__metadata__") {
        for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) if (typeof v === "string") metadata[k] = v;
        continue;
      }
      const entry = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      const [begin, end] = Array.isArray(entry?.data_offsets) ? (entry.data_offsets as number[]) : [];
      const shape = Array.isArray(entry?.shape) ? (entry.shape as number[]) : null;
      const bytes = typeof entry?.dtype === "string" ? BYTES[entry.dtype] : undefined;
      if (!shape || !bytes || !Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end > dataSize || shape.some((d) => !Number.isInteger(d) || d < 0)) {
        throw new SafetensorsError(`${file}: tensor "${name}" has a bad entry`);
      }
      if (shape.reduce((a, b) => a * b, 1) * bytes !== end - begin) throw new SafetensorsError(`${file}: tensor "${name}" has ${end - begin} bytes for shape [${shape}]`);
      tensors.set(name, { dtype: entry.dtype as string, shape, begin, end });
    }
    return { metadata, tensors, dataStart: 8 + length };
  } finally {
    fs.closeSync(fd);
  }
}

/** One tensor as float32 (F32, F16, BF16 only). */
export function readSafetensor(file: string, header: SafetensorsHeader, name: string): Float32Array {
  const entry = header.tensors.get(name);
  if (!entry) throw new SafetensorsError(`${file}: no tensor "${name}"`);
  const fd = fs.openSync(file, "r");
  try {
    const raw = readAt(fd, header.dataStart + entry.begin, entry.end - entry.begin);
    const bytes = new Uint8Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
    if (entry.dtype === "F32") return new Float32Array(bytes.buffer);
    if (entry.dtype === "F16") return fromFloat16(new Uint16Array(bytes.buffer));
    if (entry.dtype === "BF16") {
      const halves = new Uint16Array(bytes.buffer);
      const words = new Uint32Array(halves.length);
      for (let i = 0; i < halves.length; i++) words[i] = halves[i] << 16;
      return new Float32Array(words.buffer);
    }
    throw new SafetensorsError(`${file}: tensor "${name}" is ${entry.dtype}, not a float type`);
  } finally {
    fs.closeSync(fd);
  }
}

/** A1111's "AutoV3" hash of a safetensors file (`addnet_hash_safetensors`): sha256 of everything after the header. */
export function safetensorsHash(file: string): string {
  const header = readSafetensorsHeader(file);
  const h = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let pos = header.dataStart, n; (n = fs.readSync(fd, buf, 0, buf.length, pos)) > 0; pos += n) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest("hex");
}

/** Writes float32 tensors (and string metadata) as a safetensors file. */
export function writeSafetensors(file: string, tensors: Record<string, { shape: number[]; data: Float32Array }>, metadata: Record<string, string> = {}): void {
  const header: Record<string, unknown> = Object.keys(metadata).length > 0 ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  // The header is padded with spaces to a multiple of 8, as the reference writer does.
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  fs.writeFileSync(file, Buffer.concat([length, Buffer.from(json), ...Object.values(tensors).map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength))]));
}
