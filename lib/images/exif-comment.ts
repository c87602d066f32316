// The infotext of JPEG and WebP images: A1111 stores it as the EXIF UserComment (piexif's
// "UNICODE" encoding: an 8-byte "UNICODE\0" prefix, then UTF-16 big-endian text) and reads it back
// from there (docs/image-formats.md). A minimal EXIF block is written by hand — one IFD0 entry
// pointing at an Exif IFD holding only the UserComment — and inserted as JPEG APP1 or WebP "EXIF".

const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");
const UNICODE_PREFIX = Buffer.from("UNICODE\0", "latin1");
const ASCII_PREFIX = Buffer.from("ASCII\0\0\0", "latin1");
const TAG_EXIF_IFD = 0x8769;
const TAG_USER_COMMENT = 0x9286;

/** UTF-16 big-endian bytes of `text`. */
function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

/** A big-endian TIFF block: IFD0 → Exif IFD → UserComment ("UNICODE" encoding). */
export function exifWithUserComment(text: string): Buffer {
  const comment = Buffer.concat([UNICODE_PREFIX, utf16be(text)]);
  const exifIfdOffset = 8 + 2 + 12 + 4;
  const dataOffset = exifIfdOffset + 2 + 12 + 4;
  const tiff = Buffer.alloc(dataOffset + comment.length);
  tiff.write("MM\0*", 0, "latin1");
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(TAG_EXIF_IFD, 10);
  tiff.writeUInt16BE(4, 12); // LONG
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(exifIfdOffset, 18);
  tiff.writeUInt32BE(0, 22);
  tiff.writeUInt16BE(1, exifIfdOffset);
  tiff.writeUInt16BE(TAG_USER_COMMENT, exifIfdOffset + 2);
  tiff.writeUInt16BE(7, exifIfdOffset + 4); // UNDEFINED
  tiff.writeUInt32BE(comment.length, exifIfdOffset + 6);
  tiff.writeUInt32BE(dataOffset, exifIfdOffset + 10);
  tiff.writeUInt32BE(0, exifIfdOffset + 14);
  comment.copy(tiff, dataOffset);
  return tiff;
}

/** The UserComment of a TIFF/EXIF block (with or without the "Exif\0\0" header), or null. */
export function readUserComment(block: Buffer): string | null {
  const tiff = block.subarray(0, 6).equals(EXIF_HEADER) ? block.subarray(6) : block;
  if (tiff.length < 8) return null;
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "MM" && order !== "II") return null;
  const be = order === "MM";
  const u16 = (at: number) => (be ? tiff.readUInt16BE(at) : tiff.readUInt16LE(at));
  const u32 = (at: number) => (be ? tiff.readUInt32BE(at) : tiff.readUInt32LE(at));
  const findEntry = (ifd: number, tag: number): number | null => {
    if (ifd + 2 > tiff.length) return null;
    const count = u16(ifd);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (entry + 12 > tiff.length) return null;
      if (u16(entry) === tag) return entry;
    }
    return null;
  };
  try {
    const pointer = findEntry(u32(4), TAG_EXIF_IFD);
    if (pointer === null) return null;
    const entry = findEntry(u32(pointer + 8), TAG_USER_COMMENT);
    if (entry === null) return null;
    const length = u32(entry + 4);
    const offset = length <= 4 ? entry + 8 : u32(entry + 8);
    const data = tiff.subarray(offset, offset + length);
    const body = data.subarray(8);
    if (data.subarray(0, 8).equals(UNICODE_PREFIX)) {
      // piexif decodes as UTF-16 big-endian; little-endian writers put a BOM or use "II" order.
      const swapped = Buffer.from(body);
      if (!(body[0] === 0xff && body[1] === 0xfe)) for (let i = 0; i + 1 < swapped.length; i += 2) [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
      return swapped.toString("utf16le").replace(/^\ufeff/, "");
    }
    if (data.subarray(0, 8).equals(ASCII_PREFIX)) return body.toString("latin1").replace(/\0+$/, "");
    return body.toString("utf8").replace(/\0+$/, "");
  } catch {
    return null;
  }
}

/** The largest EXIF block a JPEG APP1 segment can hold. */
const MAX_APP1 = 0xffff - 2;

/** The JPEG with an APP1 EXIF segment holding `text` (after SOI and any JFIF APP0). */
export function jpegWithUserComment(jpeg: Buffer, text: string): Buffer {
  const payload = Buffer.concat([EXIF_HEADER, exifWithUserComment(text)]);
  if (payload.length > MAX_APP1) return jpeg;
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, at), header, payload, jpeg.subarray(at)]);
}

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, "latin1");
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** A simple (VP8/VP8L) WebP turned into an extended one with an EXIF chunk holding `text`. */
export function webpWithUserComment(webp: Buffer, text: string, width: number, height: number): Buffer {
  const body = webp.subarray(12);
  if (body.toString("latin1", 0, 4) === "VP8X") return webp;
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08; // EXIF present
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const chunks = Buffer.concat([riffChunk("VP8X", vp8x), body, riffChunk("EXIF", Buffer.concat([EXIF_HEADER, exifWithUserComment(text)]))]);
  const head = Buffer.alloc(12);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(chunks.length + 4, 4);
  head.write("WEBP", 8, "latin1");
  return Buffer.concat([head, chunks]);
}

/** The EXIF UserComment of a JPEG or WebP file, or null. */
export function readImageUserComment(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; at + 4 <= bytes.length && bytes[at] === 0xff; ) {
      const marker = bytes[at + 1];
      if (marker === 0xda || marker === 0xd9) break;
      const length = bytes.readUInt16BE(at + 2);
      const segment = bytes.subarray(at + 4, at + 2 + length);
      if (marker === 0xe1 && segment.subarray(0, 6).equals(EXIF_HEADER)) return readUserComment(segment);
      at += 2 + length;
    }
    return null;
  }
  if (bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") {
    for (let at = 12; at + 8 <= bytes.length; ) {
      const size = bytes.readUInt32LE(at + 4);
      if (bytes.toString("latin1", at, at + 4) === "EXIF") return readUserComment(bytes.subarray(at + 8, at + 8 + size));
      at += 8 + size + (size % 2);
    }
  }
  return null;
}
