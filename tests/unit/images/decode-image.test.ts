// Pixels as job inputs (lib/images/decode-image.ts, docs/extensions.md#inpaint): the decoders give for pixels
// exactly what they give for the pixels' PNG — RGB and one-channel inputs, to RGB, masks and greyscale — and
// check them against the same limits as uploads.
import { describe, expect, it } from "vitest";
import { checkImage, decodeGrayscale, decodeImage, decodeMask, INPUT_IMAGE_LIMITS } from "@/lib/images/decode-image";
import type { GrayImage } from "@/lib/images/pixel-image";
import { encodePng } from "@/lib/images/png-encode";
import type { RgbImage } from "@/lib/images/tensor-image";

const [W, H] = [37, 23];
const rgb: RgbImage = { width: W, height: H, data: Uint8Array.from({ length: W * H * 3 }, (_, i) => (i * 7919) % 256) };
const gray: GrayImage = { width: W, height: H, data: Uint8Array.from({ length: W * H }, (_, i) => (i * 104729) % 256) };

describe("decoding pixels", () => {
  it.each([
    ["RGB", rgb],
    ["one channel", gray],
  ])("%s pixels decode as their PNG does: picture, mask (rounded or not), greyscale", async (_, pixels) => {
    const png = await encodePng(pixels);
    for (const decode of [(x: typeof png | typeof pixels) => decodeImage(x), (x: typeof png | typeof pixels) => decodeMask(x), (x: typeof png | typeof pixels) => decodeMask(x, "mask", false), (x: typeof png | typeof pixels) => decodeGrayscale(x)]) {
      const [fromPixels, fromPng] = [await decode(pixels), await decode(png)];
      expect([fromPixels.width, fromPixels.height]).toEqual([W, H]);
      expect(Buffer.from(fromPixels.data).equals(Buffer.from(fromPng.data))).toBe(true);
    }
  });

  it("hands back a copy: changing the decoded picture leaves the input alone", async () => {
    const decoded = await decodeImage(rgb);
    decoded.data.fill(0);
    expect(rgb.data.some((v) => v !== 0)).toBe(true);
  });

  it("checks pixels like an upload's header: size limits and data that fits the size", async () => {
    expect(await checkImage(rgb, "init image")).toEqual({ format: "raw", width: W, height: H });
    const tooWide = { width: INPUT_IMAGE_LIMITS.maxSide + 1, height: 1, data: new Uint8Array(INPUT_IMAGE_LIMITS.maxSide + 1) };
    await expect(checkImage(tooWide, "init image")).rejects.toThrow(/init image is 16385x1; the largest side allowed is 16384 px/);
    const short = { width: W, height: H, data: new Uint8Array(W * H * 2) };
    await expect(decodeImage(short, "init image")).rejects.toThrow(/init image: 1702 bytes are not 37x23 pixels of 1 or 3 channels/);
    await expect(decodeMask(short)).rejects.toThrow(/are not 37x23 pixels/);
  });
});
