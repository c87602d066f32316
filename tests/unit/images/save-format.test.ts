// Saved formats: PNG keeps text chunks; JPEG and WebP carry the infotext as EXIF UserComment in
// A1111's "UNICODE" encoding, readable back, and the pictures decode at their size.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { exifWithUserComment, readImageUserComment, readUserComment } from "@/lib/images/exif-comment";
import { readPngText } from "@/lib/images/png-text";
import { encodeForSaving } from "@/lib/images/save-format";

const infotext = "a cat — ünïcode ✓\nNegative prompt: dog\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 64x48";
const png = () => sharp({ create: { width: 64, height: 48, channels: 3, background: "#3080c0" } }).png().toBuffer();

describe("encodeForSaving", () => {
  it("writes PNG text chunks for png", async () => {
    const { bytes, extension } = await encodeForSaving(await png(), { parameters: infotext }, { extension: "png", jpegQuality: 80, webpLossless: false });
    expect(extension).toBe("png");
    expect(readPngText(bytes).parameters).toBe(infotext);
  });

  it.each(["jpg", "jpeg", "webp"])("writes a %s whose EXIF UserComment is the infotext", async (ext) => {
    const { bytes, extension } = await encodeForSaving(await png(), { parameters: infotext }, { extension: ext, jpegQuality: 90, webpLossless: false });
    expect(extension).toBe(ext);
    const meta = await sharp(bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: ext === "webp" ? "webp" : "jpeg", width: 64, height: 48 });
    expect(readImageUserComment(bytes)).toBe(infotext);
    // libvips itself finds the EXIF block.
    expect(meta.exif?.length).toBeGreaterThan(0);
  });

  it("writes lossless WebP when asked", async () => {
    const { bytes } = await encodeForSaving(await png(), {}, { extension: "webp", jpegQuality: 80, webpLossless: true });
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([0x30, 0x80, 0xc0]);
  });
});

describe("EXIF UserComment", () => {
  it("encodes as piexif does: UNICODE prefix then UTF-16 big-endian", () => {
    const tiff = exifWithUserComment("Hi");
    expect(tiff.subarray(0, 4).toString("latin1")).toBe("MM\0*");
    expect(tiff.subarray(-12)).toEqual(Buffer.from([...Buffer.from("UNICODE\0", "latin1"), 0, 0x48, 0, 0x69]));
    expect(readUserComment(tiff)).toBe("Hi");
  });
});
