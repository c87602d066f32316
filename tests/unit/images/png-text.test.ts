import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_INFLATED_TEXT_BYTES, readPngFileText, readPngSize, readPngText, writePngText } from "@/lib/images/png-text";

let png: Buffer;
beforeAll(async () => {
  png = await sharp({ create: { width: 5, height: 3, channels: 3, background: "#ff0000" } }).png().toBuffer();
});

/** Chunk types in file order, read straight off the bytes. */
function chunkTypes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at < bytes.length; at += 12 + bytes.readUInt32BE(at)) types.push(bytes.toString("latin1", at + 4, at + 8));
  return types;
}

/** A chunk built independently of the module: length, type, data, CRC-32 of type + data. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Inserts raw chunks right after IHDR (8 + 25 bytes). */
const withChunks = (bytes: Buffer, ...chunks: Buffer[]) => Buffer.concat([bytes.subarray(0, 33), ...chunks, bytes.subarray(33)]);

describe("writePngText", () => {
  it("writes Latin-1 text as tEXt before the image data, with CRCs libpng accepts", async () => {
    const text = "a café, (masterpiece:1.2)\nNegative prompt: ugly\nSteps: 20, Seed: 1";
    const out = writePngText(png, { parameters: text });
    const types = chunkTypes(out);
    const before = chunkTypes(png);
    const firstIdat = before.indexOf("IDAT");
    expect(types).toEqual([...before.slice(0, firstIdat), "tEXt", ...before.slice(firstIdat)]);
    // keyword, NUL, Latin-1 bytes ("é" is the single byte 0xE9)
    const at = out.indexOf("tEXt") + 4;
    expect(out.subarray(at, at + 11)).toEqual(Buffer.from("parameters\0", "latin1"));
    expect(out.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe(true);
    expect(readPngText(out)).toEqual({ parameters: text });
    // libpng drops ancillary chunks with a bad CRC. (libvips reads tEXt as UTF-8, so compare ASCII text.)
    const ascii = "a cat\nSteps: 20, Seed: 1";
    expect((await sharp(writePngText(png, { parameters: ascii })).metadata()).comments).toEqual([{ keyword: "parameters", text: ascii }]);
  });

  it("writes text outside Latin-1 as uncompressed UTF-8 iTXt with empty language and translated keyword", async () => {
    const text = "一只猫 ✨, Steps: 20";
    const out = writePngText(png, { parameters: text });
    expect(chunkTypes(out)).toContain("iTXt");
    const at = out.indexOf("iTXt") + 4;
    const expected = Buffer.concat([Buffer.from("parameters\0\0\0\0\0", "latin1"), Buffer.from(text, "utf8")]);
    expect(out.subarray(at, at + expected.length)).toEqual(expected);
    expect(readPngText(out)).toEqual({ parameters: text });
    expect((await sharp(out).metadata()).comments).toEqual([{ keyword: "parameters", text }]);
  });

  it("replaces a text entry with the same keyword and keeps every other chunk", () => {
    const original = withChunks(png, chunk("tEXt", Buffer.from("parameters\0old", "latin1")), chunk("tEXt", Buffer.from("Software\0Onyx", "latin1")), chunk("pHYs", Buffer.alloc(9, 1)));
    const out = writePngText(original, { parameters: "new" });
    expect(readPngText(out)).toEqual({ Software: "Onyx", parameters: "new" });
    const others = (bytes: Buffer) => chunkTypes(bytes).filter((t) => t !== "tEXt");
    expect(others(out)).toEqual(others(original));
    expect(out.includes(chunk("pHYs", Buffer.alloc(9, 1)))).toBe(true);
    expect(out.includes(Buffer.from("parameters\0old", "latin1"))).toBe(false);
  });

  it("rejects keywords PNG does not allow", () => {
    expect(() => writePngText(png, { "": "x" })).toThrow(/keyword/);
    expect(() => writePngText(png, { ["k".repeat(80)]: "x" })).toThrow(/keyword/);
  });
});

describe("readPngText", () => {
  it("reads zTXt and compressed iTXt as written by other tools", () => {
    const zTXt = chunk("zTXt", Buffer.concat([Buffer.from("Comment\0\0", "latin1"), deflateSync(Buffer.from("naïve", "latin1"))]));
    const iTXt = chunk("iTXt", Buffer.concat([Buffer.from("parameters\0\x01\0en\0Parameter\0", "latin1"), deflateSync(Buffer.from("猫, Steps: 5", "utf8"))]));
    expect(readPngText(withChunks(png, zTXt, iTXt))).toEqual({ Comment: "naïve", parameters: "猫, Steps: 5" });
  });

  it("skips compressed chunks that are not zlib data or would inflate past the limit (a zlib bomb)", () => {
    const garbage = chunk("zTXt", Buffer.concat([Buffer.from("parameters\0\0", "latin1"), Buffer.from("not zlib at all")]));
    const bomb = chunk("iTXt", Buffer.concat([Buffer.from("Comment\0\x01\0\0\0", "latin1"), deflateSync(Buffer.alloc(MAX_INFLATED_TEXT_BYTES + 1, 0x41))]));
    const fine = chunk("tEXt", Buffer.from("Software\0Onyx", "latin1"));
    expect(readPngText(withChunks(png, garbage, bomb, fine))).toEqual({ Software: "Onyx" });
  });

  it("reads nothing from a PNG without text and refuses non-PNG bytes", () => {
    expect(readPngText(png)).toEqual({});
    expect(() => readPngText(Buffer.from("GIF89a..."))).toThrow(/not a PNG/);
  });
});

describe("readPngFileText / readPngSize", () => {
  it("gives the same text as reading the whole file, and the IHDR size", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-png-"));
    const file = path.join(dir, "a.png");
    // A text chunk after the image data as well: still found.
    const bytes = writePngText(png, { parameters: "p ✓" });
    const iend = bytes.length - 12;
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, iend), chunk("tEXt", Buffer.from("late\0yes", "latin1")), bytes.subarray(iend)]));
    expect(readPngFileText(file)).toEqual({ text: { parameters: "p ✓", late: "yes" }, width: 5, height: 3 });
    expect(readPngSize(png)).toEqual({ width: 5, height: 3 });
    fs.rmSync(dir, { recursive: true });
  });
});
