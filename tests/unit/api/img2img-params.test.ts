import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { DecodedImage } from "@/lib/api/encoded-image";
import { RequestValidationError } from "@/lib/api/errors";
import { handleImg2img } from "@/lib/api/img2img";
import { img2imgParams, type Img2imgUploads } from "@/lib/api/img2img-params";
import { img2imgRequestSchema } from "@/lib/api/img2img-request";
import { parseRequestModel } from "@/lib/api/request-body";

async function png(width: number, height: number): Promise<DecodedImage> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: "#808080" } }).png().toBuffer();
  return { bytes, format: "png", width, height };
}

let init64: DecodedImage;
let mask64: DecodedImage;
let mask32: DecodedImage;
beforeAll(async () => {
  [init64, mask64, mask32] = await Promise.all([png(64, 64), png(64, 64), png(32, 64)]);
});

const request = (body: Record<string, unknown>) => parseRequestModel(img2imgRequestSchema, { init_images: ["x"], ...body }).data;
const params = (body: Record<string, unknown>, uploads: Partial<Img2imgUploads> = {}) =>
  img2imgParams(request(body), { initImages: [init64], mask: null, ...uploads });

function failure(run: () => unknown): RequestValidationError {
  try {
    run();
  } catch (e) {
    if (e instanceof RequestValidationError) return e;
    throw e;
  }
  throw new Error("expected the request to be refused");
}

describe("img2img request model (docs/a1111/api.md#request-fields-and-defaults)", () => {
  it("has A1111's img2img API defaults", () => {
    expect(parseRequestModel(img2imgRequestSchema, {}).data).toMatchObject({
      init_images: null, resize_mode: 0, image_cfg_scale: null, mask: null, mask_blur_x: 4, mask_blur_y: 4, mask_blur: null,
      mask_round: true, inpainting_fill: 0, inpaint_full_res: true, inpaint_full_res_padding: 0, inpainting_mask_invert: 0,
      initial_noise_multiplier: null, latent_mask: null, include_init_images: false, denoising_strength: 0.75,
      steps: 50, sampler_index: "Euler", save_images: false, send_images: true,
    });
  });

  it("answers a request without init images with A1111's 404 'Init image not found', before anything is queued", async () => {
    for (const body of [{}, { init_images: null }, { init_images: [] }]) {
      const req = new Request("http://x/sdapi/v1/img2img", { method: "POST", body: JSON.stringify(body) });
      await expect(handleImg2img(req)).rejects.toMatchObject({ status: 404, detail: "Init image not found" });
    }
  });
});

describe("img2img request → Img2imgParams", () => {
  it("supplies the API's inpaint defaults, not the UI's (docs/a1111/quirks.md#q4)", () => {
    const p = params({}, { mask: mask64 });
    expect(p).toMatchObject({
      resizeMode: 0, denoisingStrength: 0.75, maskBlur: 4, inpaintingFill: 0, inpaintFullRes: true, inpaintFullResPadding: 0,
      inpaintingMaskInvert: false, initialNoiseMultiplier: null, samplerName: "Euler", steps: 50, saveImages: false, floatNumbers: true,
    });
    expect(p.initImages[0]).toBe(init64.bytes);
    expect(p.mask).toBe(mask64.bytes);
  });

  it("carries the request's img2img fields across; any non-zero inpainting_mask_invert inverts", () => {
    const p = params({ resize_mode: 2, denoising_strength: 0.3, inpainting_fill: 3, inpaint_full_res: false, inpaint_full_res_padding: 32, inpainting_mask_invert: 1, initial_noise_multiplier: 0.9, width: 128, height: 64 });
    expect(p).toMatchObject({ resizeMode: 2, denoisingStrength: 0.3, inpaintingFill: 3, inpaintFullRes: false, inpaintFullResPadding: 32, inpaintingMaskInvert: true, initialNoiseMultiplier: 0.9, width: 128, height: 64 });
  });

  it("lets mask_blur set both directions and carries different horizontal and vertical blur", () => {
    expect(params({ mask_blur: 9 })).toMatchObject({ maskBlur: 9, maskBlurY: null });
    expect(params({ mask_blur_x: 6, mask_blur_y: 6 })).toMatchObject({ maskBlur: 6, maskBlurY: null });
    expect(params({ mask_blur_x: 2, mask_blur_y: 8 })).toMatchObject({ maskBlur: 2, maskBlurY: 8 });
  });

  it("refuses a mask of another size than the init image, naming both sizes", () => {
    const e = failure(() => params({}, { mask: mask32 }));
    expect(e.issues).toEqual([{ loc: ["body", "mask"], msg: "the mask is 32x64 but init_images[0] is 64x64; they must be the same size", type: "value_error" }]);
  });

  it("allows one init image or up to batch_size of them (A1111's 'bad number of images passed')", () => {
    expect(params({ batch_size: 2 }, { initImages: [init64, init64] }).initImages).toHaveLength(2);
    const e = failure(() => params({ batch_size: 2 }, { initImages: [init64, init64, init64] }));
    expect(e.issues[0]).toMatchObject({ loc: ["body", "init_images"], msg: "bad number of images passed: 3; expecting 2 or less" });
  });

  it("reports enumeration and range errors under the request's names", () => {
    const e = failure(() => params({ resize_mode: 4, inpainting_fill: 7, mask_blur: 257, inpaint_full_res_padding: -1, denoising_strength: 1.5, steps: 0 }));
    expect(e.issues.map((i) => i.loc.join(".")).sort()).toEqual(
      ["body.denoising_strength", "body.inpaint_full_res_padding", "body.inpainting_fill", "body.mask_blur", "body.resize_mode", "body.steps"],
    );
  });

  it("carries mask_round and the decoded latent_mask", () => {
    expect(params({}).maskRound).toBe(true);
    expect(params({ mask_round: false }).maskRound).toBe(false);
    expect(params({}, { mask: mask64, latentMask: mask32 }).latentMask).toBe(mask32.bytes);
    expect(params({}).latentMask).toBeNull();
  });

  it("ignores image_cfg_scale (only instruct-pix2pix models read it)", () => {
    expect(params({ image_cfg_scale: 1.5 }).cfgScale).toBe(7);
  });
});
