// PNG text chunks on encoded bytes, the way A1111 stores infotext (docs/a1111/infotext.md#where-it-is-stored): Pillow writes a
// `tEXt` chunk when the text is Latin-1 encodable, else an uncompressed UTF-8 `iTXt`. Reading also
// accepts `zTXt` and compressed `iTXt`, which other tools write.
import fs from "node:fs";
import { inflateSync } from "node:zlib";
import { encodePngChunk, PNG_SIGNATURE, pngChunks } from "@/lib/images/png-chunks";

const TEXT_CHUNKS = new Set(["tEXt", "zTXt", "iTXt"]);

/** A compressed text chunk may not inflate to more than this (a zlib bomb would otherwise fill memory). */
export const MAX_INFLATED_TEXT_BYTES = 16 * 1024 * 1024;

/** The inflated bytes, or undefined when they are not zlib data or would exceed MAX_INFLATED_TEXT_BYTES. */
function inflateText(data: Buffer): Buffer | undefined {
  try {
    return inflateSync(data, { maxOutputLength: MAX_INFLATED_TEXT_BYTES });
  } catch {
    return undefined;
  }
}

/** Decodes one text chunk into [keyword, text]; undefined for malformed chunks (skipped, as Pillow does). */
function decodeTextChunk(type: string, data: Buffer): [string, string] | undefined {
  const nul = data.indexOf(0);
  if (nul < 1) return undefined;
  const keyword = data.toString("latin1", 0, nul);
  const rest = data.subarray(nul + 1);
  if (type === "tEXt") return [keyword, rest.toString("latin1")];
  if (type === "zTXt") {
    const text = inflateText(rest.subarray(1));
    return text && [keyword, text.toString("latin1")];
  }
  // iTXt: compression flag, method, language tag\0, translated keyword\0, UTF-8 text.
  const compressed = rest[0] === 1;
  const languageEnd = rest.indexOf(0, 2);
  const translatedEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return undefined;
  const body = compressed ? inflateText(rest.subarray(translatedEnd + 1)) : rest.subarray(translatedEnd + 1);
  return body && [keyword, body.toString("utf8")];
}

/** All text entries of a PNG, keyword → text; a later chunk with the same keyword wins. */
export function readPngText(png: Uint8Array): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const { type, data } of pngChunks(Buffer.from(png.buffer, png.byteOffset, png.byteLength))) {
    if (!TEXT_CHUNKS.has(type)) continue;
    const entry = decodeTextChunk(type, data);
    if (entry) entries[entry[0]] = entry[1];
  }
  return entries;
}

const isLatin1 = (text: string) => !/[^\u0000-\u00ff]/.test(text);

function textChunk(keyword: string, text: string): Buffer {
  if (!/^[\u0020-\u007e\u00a1-\u00ff]{1,79}$/.test(keyword)) throw new Error(`invalid PNG text keyword "${keyword}"`);
  const key = Buffer.from(keyword, "latin1");
  if (isLatin1(text)) return encodePngChunk("tEXt", Buffer.concat([key, Buffer.from([0]), Buffer.from(text, "latin1")]));
  // Uncompressed iTXt with empty language tag and translated keyword, as Pillow writes it.
  return encodePngChunk("iTXt", Buffer.concat([key, Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, "utf8")]));
}

/**
 * Returns a copy of `png` carrying `entries` as text chunks, placed before the first IDAT so readers
 * that stop at the image data see them. Existing text chunks with the same keywords are replaced;
 * every other chunk is kept as is.
 */
export function writePngText(png: Uint8Array, entries: Record<string, string>): Buffer {
  const source = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const replaced = new Set(Object.keys(entries));
  const parts: Buffer[] = [PNG_SIGNATURE];
  let inserted = false;
  for (const chunk of pngChunks(source)) {
    if ((chunk.type === "IDAT" || chunk.type === "IEND") && !inserted) {
      for (const [keyword, text] of Object.entries(entries)) parts.push(textChunk(keyword, text));
      inserted = true;
    }
    if (TEXT_CHUNKS.has(chunk.type)) {
      const entry = decodeTextChunk(chunk.type, chunk.data);
      if (entry && replaced.has(entry[0])) continue;
    }
    parts.push(source.subarray(chunk.start, chunk.end));
  }
  return Buffer.concat(parts);
}

/** Width and height from the IHDR chunk (always the first chunk). */
export function readPngSize(png: Uint8Array): { width: number; height: number } {
  const first = pngChunks(Buffer.from(png.buffer, png.byteOffset, png.byteLength)).next();
  if (first.done || first.value.type !== "IHDR") throw new Error("PNG without IHDR");
  return { width: first.value.data.readUInt32BE(0), height: first.value.data.readUInt32BE(4) };
}

/**
 * Text entries and size of a PNG file without reading its image data: chunk headers are read one by
 * one and IDAT payloads skipped, so scanning thousands of full-size outputs stays cheap.
 */
export function readPngFileText(file: string): { text: Record<string, string>; width: number; height: number } {
  const fd = fs.openSync(file, "r");
  try {
    const read = (length: number, position: number) => {
      const buffer = Buffer.alloc(length);
      if (fs.readSync(fd, buffer, 0, length, position) !== length) throw new Error(`truncated PNG file ${file}`);
      return buffer;
    };
    if (!read(PNG_SIGNATURE.length, 0).equals(PNG_SIGNATURE)) throw new Error(`not a PNG file: ${file}`);
    const text: Record<string, string> = {};
    let width = 0;
    let height = 0;
    for (let offset = PNG_SIGNATURE.length; ; ) {
      const header = read(8, offset);
      const length = header.readUInt32BE(0);
      const type = header.toString("latin1", 4, 8);
      if (type === "IEND") break;
      // A text chunk larger than any text Onyx reads is skipped unread: a crafted file cannot fill memory.
      if (type === "IHDR" || (TEXT_CHUNKS.has(type) && length <= MAX_INFLATED_TEXT_BYTES)) {
        const data = read(length, offset + 8);
        if (type === "IHDR") [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
        const entry = type === "IHDR" ? undefined : decodeTextChunk(type, data);
        if (entry) text[entry[0]] = entry[1];
      }
      offset += 12 + length;
    }
    return { text, width, height };
  } finally {
    fs.closeSync(fd);
  }
}
