import { crc32 } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeUploadedImage, type DecodedImage } from "@/lib/api/encoded-image";
import { ApiError, RequestValidationError } from "@/lib/api/errors";
import { plaintextToHtml } from "@/lib/api/extras";
import { extrasParams, type ExtrasUpload } from "@/lib/api/extras-params";
import { extrasBatchImagesRequestSchema, extrasSingleImageRequestSchema } from "@/lib/api/extras-request";
import { parseRequestModel } from "@/lib/api/request-body";

const pngBytes = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#336699" } }).png().toBuffer();

async function upload(width: number, height: number, field = "image"): Promise<ExtrasUpload> {
  const image: DecodedImage = { bytes: await pngBytes(width, height), format: "png", width, height };
  return { image, field };
}

let small: ExtrasUpload;
beforeAll(async () => {
  small = await upload(16, 24);
});

const single = (body: Record<string, unknown>) => parseRequestModel(extrasSingleImageRequestSchema, body).data;

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error("expected the request to be refused");
}

describe("extras request models (docs/a1111/generation.md#extras, docs/a1111/api.md#endpoints-and-errors)", () => {
  it("fill A1111's API defaults", () => {
    expect(single({})).toMatchObject({
      resize_mode: 0, show_extras_results: true, gfpgan_visibility: 0, codeformer_visibility: 0, codeformer_weight: 0,
      upscaling_resize: 2, upscaling_resize_w: 512, upscaling_resize_h: 512, upscaling_crop: true,
      upscaler_1: "None", upscaler_2: "None", extras_upscaler_2_visibility: 0, upscale_first: false, image: "",
    });
  });

  it("validate A1111's bounds: resize_mode 0/1, visibilities 0–1, factor > 0, sizes ≥ 1, imageList required", () => {
    const issues = (schema: typeof extrasSingleImageRequestSchema | typeof extrasBatchImagesRequestSchema, body: object) => {
      const e = caught(() => parseRequestModel(schema, body)) as RequestValidationError;
      return e.issues.map((i) => i.loc.join("."));
    };
    expect(issues(extrasSingleImageRequestSchema, { resize_mode: 2, gfpgan_visibility: 1.5, extras_upscaler_2_visibility: -0.1, upscaling_resize: 0, upscaling_resize_w: 0 })).toEqual([
      "body.resize_mode", "body.gfpgan_visibility", "body.upscaling_resize", "body.upscaling_resize_w", "body.extras_upscaler_2_visibility",
    ]);
    expect(issues(extrasBatchImagesRequestSchema, {})).toEqual(["body.imageList"]);
    expect(issues(extrasBatchImagesRequestSchema, { imageList: [{ data: "x" }] })).toEqual(["body.imageList.0.name"]);
  });
});

describe("extras request → ExtrasParams", () => {
  it("maps the fields, saves nothing and writes Python floats", () => {
    const p = extrasParams(single({ upscaler_1: "Lanczos", upscaler_2: "Nearest", extras_upscaler_2_visibility: 0.25, upscaling_resize: 3 }), [small]);
    expect(p).toMatchObject({
      resizeMode: 0, upscalingResize: 3, upscaler1: "Lanczos", upscaler2: "Nearest", upscaler2Visibility: 0.25,
      maxSideLength: 0, saveImages: false, floatNumbers: true,
    });
    expect(p.images).toEqual([{ data: small.image.bytes, name: undefined }]);
  });

  it("refuses unknown upscalers and face restoration with a 422 naming the field", () => {
    expect((caught(() => extrasParams(single({ upscaler_1: "4x-Nothing" }), [small])) as RequestValidationError).issues[0]).toEqual({
      loc: ["body", "upscaler_1"], msg: "could not find upscaler named 4x-Nothing", type: "value_error",
    });
    expect((caught(() => extrasParams(single({ upscaler_2: "4x-Nothing" }), [small])) as RequestValidationError).issues[0].loc).toEqual(["body", "upscaler_2"]);
    expect(caught(() => extrasParams(single({ codeformer_visibility: 0.5 }), [small]))).toMatchObject({ status: 422, detail: "codeformer_visibility: no face restoration model is installed" });
  });

  it("refuses upscales to nothing: 16×24 by 0.4 floors to 0×8 (multiples of 8, rounded down)", () => {
    const e = caught(() => extrasParams(single({ upscaler_1: "Lanczos", upscaling_resize: 0.4 }), [small])) as RequestValidationError;
    expect(e.issues[0]).toMatchObject({ loc: ["body", "upscaling_resize"], msg: "upscaling image (16x24) gives 0x8: an empty picture (sides are rounded down to multiples of 8)" });
  });

  it("refuses upscales beyond the upload limits, including a scale-to box the picture must cover", async () => {
    // Scale by 8: 2100×16 → 16800×128, longer than 16384.
    const wide = await upload(2100, 16);
    expect((caught(() => extrasParams(single({ upscaler_1: "Lanczos", upscaling_resize: 8 }), [wide])) as RequestValidationError).issues[0].loc).toEqual(["body", "upscaling_resize"]);
    // Scale to 512×512 with crop: a 16×2100 strip needs factor max(32, 0.24) = 32 → 512×67200 before the crop.
    const strip = await upload(16, 2100);
    const e = caught(() => extrasParams(single({ upscaler_1: "Lanczos", resize_mode: 1 }), [strip])) as RequestValidationError;
    expect(e.issues[0]).toMatchObject({ loc: ["body", "upscaling_resize_w"] });
    expect(e.issues[0].msg).toMatch(/gives 512x67200: larger than allowed/);
    // Upscaler None does nothing, so no size is refused.
    expect(extrasParams(single({ upscaling_resize: 8 }), [wide]).upscaler1).toBe("None");
  });

  it("reports an out-of-range factor of the pipeline (at most 8) under the request's name", () => {
    expect((caught(() => extrasParams(single({ upscaling_resize: 9 }), [small])) as RequestValidationError).issues[0].loc).toEqual(["body", "upscaling_resize"]);
  });
});

describe("uploaded images", () => {
  /** An 8×8 PNG whose header claims width×height: a decompression bomb needs no more than that to be refused. */
  async function claimedSize(width: number, height: number): Promise<string> {
    const png = Buffer.from(await pngBytes(8, 8));
    png.writeUInt32BE(width, 16);
    png.writeUInt32BE(height, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    return png.toString("base64");
  }

  it("answers 400 for what is not an image and 422 for a picture beyond the limits, naming the field", async () => {
    await expect(decodeUploadedImage(Buffer.from("no picture").toString("base64"), "init_images[1]")).rejects.toMatchObject({
      status: 400, detail: "Invalid encoded image: the data is not an image (init_images[1])",
    });
    // 10000×10000 = 100 M pixels > 64 Mi; 20000 a side > 16384.
    const bomb = decodeUploadedImage(await claimedSize(10000, 10000), "mask");
    await expect(bomb).rejects.toBeInstanceOf(ApiError);
    await expect(bomb).rejects.toMatchObject({ status: 422, detail: expect.stringMatching(/^mask is 10000x10000 = 100\.0 megapixels/) });
    await expect(decodeUploadedImage(await claimedSize(20000, 8), "image")).rejects.toMatchObject({ status: 422, detail: expect.stringMatching(/largest side allowed is 16384/) });
  });

  it("decodes a data URI to its bytes and size", async () => {
    const decoded = await decodeUploadedImage(`data:image/png;base64,${(await pngBytes(16, 24)).toString("base64")}`, "image");
    expect([decoded.format, decoded.width, decoded.height]).toEqual(["png", 16, 24]);
  });
});

describe("html_info (A1111's plaintext_to_html)", () => {
  it("escapes each line like Python's html.escape and joins lines with <br>", () => {
    expect(plaintextToHtml("")).toBe("<p></p>");
    expect(plaintextToHtml(`Postprocess upscaler: "a<b>" & 'c'\nline 2`)).toBe("<p>Postprocess upscaler: &quot;a&lt;b&gt;&quot; &amp; &#x27;c&#x27;<br>\nline 2</p>");
  });
});
