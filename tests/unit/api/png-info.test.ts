import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { base64Payload, decodeEncodedImage } from "@/lib/api/encoded-image";
import { ApiError } from "@/lib/api/errors";
import { pngInfo } from "@/lib/api/png-info";
import { writePngText } from "@/lib/images/png-text";

const pixels = (format: "png" | "jpeg") =>
  sharp({ create: { width: 8, height: 4, channels: 3, background: { r: 200, g: 10, b: 10 } } })[format]().toBuffer();

const INFOTEXT = "a red cube\nNegative prompt: blue\nSteps: 2, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, Seed: 123, Size: 64x64";

describe("encoded images (docs/a1111/api.md#images)", () => {
  it("takes everything after the first comma that follows the first semicolon of a data URI", () => {
    expect(base64Payload("data:image/png;base64,QUJD")).toBe("QUJD");
    expect(base64Payload("  QUJD \n")).toBe("QUJD");
  });

  it("decodes bare base64 and data URIs to the same image", async () => {
    const png = await pixels("png");
    const bare = await decodeEncodedImage(png.toString("base64"));
    const uri = await decodeEncodedImage(`data:image/png;base64,${png.toString("base64")}`);
    expect([bare.format, bare.width, bare.height]).toEqual(["png", 8, 4]);
    expect(uri.bytes.equals(png)).toBe(true);
  });

  it("refuses non-base64 text, base64 of non-images and URLs with 400 'Invalid encoded image'", async () => {
    for (const text of ["not base64 at all!", Buffer.from("just some text, not an image").toString("base64"), "https://example.com/a.png", ""]) {
      const e = await decodeEncodedImage(text).catch((x) => x);
      expect(e).toBeInstanceOf(ApiError);
      expect(e.status).toBe(400);
      expect(e.detail).toMatch(/^Invalid encoded image/);
    }
  });
});

describe("png-info", () => {
  it("returns the parameters chunk as info, other text chunks as items, and the parsed fields", async () => {
    const png = writePngText(await pixels("png"), { parameters: INFOTEXT, Software: "Onyx" });
    const r = await pngInfo(png.toString("base64"));
    expect(r.info).toBe(INFOTEXT);
    expect(r.items).toEqual({ Software: "Onyx" });
    expect(r.parameters).toMatchObject({ Prompt: "a red cube", "Negative prompt": "blue", Steps: "2", Seed: "123", "Size-1": "64", "Size-2": "64" });
  });

  it("answers an empty info for an image without infotext", async () => {
    expect((await pngInfo((await pixels("jpeg")).toString("base64"))).info).toBe("");
    expect((await pngInfo((await pixels("png")).toString("base64"))).items).toEqual({});
  });
});
