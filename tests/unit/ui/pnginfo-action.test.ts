import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { writePngText } from "@/lib/images/png-text";
import { readImageInfo } from "@/app/actions/pnginfo";

const upload = (bytes: Uint8Array | string, name = "image.png") => {
  const form = new FormData();
  // A copy: File wants bytes over a plain ArrayBuffer.
  form.append("image", new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name));
  return form;
};

const tinyPng = () => sharp({ create: { width: 4, height: 4, channels: 3, background: "#204060" } }).png().toBuffer();

describe("readImageInfo (PNG Info upload)", () => {
  it("returns the parameters text, the fields it holds as written (no paste defaults) and the other text chunks", async () => {
    const infotext = "a cat\nNegative prompt: dog\nSteps: 12, Sampler: Euler, CFG scale: 6, Seed: 7, Size: 64x48";
    const png = writePngText(await tinyPng(), { parameters: infotext, Software: "Onyx" });
    const result = await readImageInfo(upload(png));
    if ("error" in result) throw new Error(result.error);
    expect(result.infotext).toBe(infotext);
    expect(result.items).toEqual({ Software: "Onyx" });
    expect(result.fields).toEqual({ Prompt: "a cat", "Negative prompt": "dog", Steps: "12", Sampler: "Euler", "CFG scale": "6", Seed: "7", Size: "64x48" });
  });

  it("gives an empty infotext and no fields for images without parameters (JPEG, plain PNG)", async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).jpeg().toBuffer();
    expect(await readImageInfo(upload(jpeg, "x.jpg"))).toEqual({ infotext: "", fields: {}, items: {} });
    expect(await readImageInfo(upload(await tinyPng()))).toEqual({ infotext: "", fields: {}, items: {} });
  });

  it("refuses data that is not an image, a missing file and files over 50 MB", async () => {
    expect(await readImageInfo(upload("hello", "notes.png"))).toEqual({ error: "notes.png is not a readable image" });
    expect(await readImageInfo(new FormData())).toEqual({ error: "no file was sent" });
    const tooBig = new Uint8Array(50 * 1024 * 1024 + 1);
    expect(await readImageInfo(upload(tooBig))).toEqual({ error: "the file is larger than 50 MB" });
  });
});
