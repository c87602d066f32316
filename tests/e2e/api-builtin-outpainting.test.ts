// A1111's built-in img2img scripts over HTTP against the real server, called by name as clients call them:
// Outpainting mk2 and Poor man's outpainting with A1111's positional script_args, Soft Inpainting through
// alwayson_scripts; and the img2img fields those scripts rely on (latent_mask, mask_round, different
// mask_blur_x / mask_blur_y). Each answers 200 with the size A1111 makes and its infotext fields.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, pngSize, postJson } from "./sdapi";

/** An img2img that must succeed, with the size of each picture it returns as "WxH". */
async function img2img(body: Record<string, unknown>) {
  const { info, images } = await generate("img2img", body);
  const sizes = await Promise.all(images.map(async (b64) => (await pngSize(b64)).join("x")));
  return { info, sizes };
}

let picture: string;
let mask: string;
let latentMask: string;

beforeAll(async () => {
  // Not separable, so the outpainting noise has a spectrum to match.
  const raw = Buffer.alloc(64 * 64 * 3);
  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) raw.set([(x * 4 + y) % 256, (y * 4 + ((x * x) % 13)) % 256, 100 + ((x * y) % 97)], (y * 64 + x) * 3);
  picture = (await sharp(raw, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer()).toString("base64");
  const square = (from: number, to: number) => {
    const m = Buffer.alloc(64 * 64);
    for (let y = from; y < to; y++) m.fill(255, y * 64 + from, y * 64 + to);
    return sharp(m, { raw: { width: 64, height: 64, channels: 1 } }).png().toBuffer();
  };
  mask = (await square(16, 48)).toString("base64");
  latentMask = (await square(24, 40)).toString("base64");
});

const base = { prompt: "a garden", steps: 2, seed: 21, sampler_name: "Euler", denoising_strength: 0.75, cfg_scale: 7 };

describe("Outpainting mk2 by name", () => {
  it("grows the picture to the right by the positional pixels, as A1111's run(p, _, pixels, mask_blur, direction, noise_q, color_variation)", async () => {
    const { info, sizes } = await img2img({
      ...base, init_images: [picture], width: 128, height: 64,
      script_name: "Outpainting mk2", script_args: ["<p>Recommended settings…</p>", 64, 4, ["right"], 1.0, 0.05],
    });
    expect(sizes).toEqual(["128x64"]);
    expect(info).toMatchObject({ seed: 21, index_of_first_image: 0, width: 128, height: 64 });
    // Blur 16 along x only: A1111 writes no "Mask blur" then; masked content "original" is not written either.
    expect(info.infotexts[0]).toMatch(/Denoising strength: 0\.75/);
    expect(info.infotexts[0]).not.toMatch(/Mask blur|Masked content/);
  });

  it("grows both axes with the default directions, a grid first for a batch of two", async () => {
    // The API returns grids only with save_images (docs/a1111/quirks.md), the script's own grid too.
    const { info, sizes } = await img2img({ ...base, init_images: [picture], width: 64, height: 64, batch_size: 2, save_images: true, script_name: "outpainting mk2", script_args: [null, 32, 8] });
    // 64 + 2·32 = 128 on each axis (rounded to 64); two images and the 2-image grid before them.
    expect(sizes).toEqual(["256x128", "128x128", "128x128"]);
    expect(info.index_of_first_image).toBe(1);
    expect(info.infotexts[1]).toContain("Mask blur: 32");
  });
});

describe("Poor man's outpainting by name", () => {
  it("inpaints the border tiles of a 128×64 canvas (pixels 32 left and right) with masked content fill", async () => {
    const { info, sizes } = await img2img({ ...base, init_images: [picture], width: 64, height: 64, script_name: "Poor man's outpainting", script_args: [32, 4, 0, ["left", "right"]] });
    expect(sizes).toEqual(["128x64"]);
    expect(info.seed).toBe(21);
    expect(info.infotexts[0]).toMatch(/Mask blur: 8, .*Masked content: fill|Masked content: fill.*Mask blur: 8/);
  });

  it("answers 422 naming the argument for a masked-content index out of range", async () => {
    const res = await postJson("/sdapi/v1/img2img", { ...base, init_images: [picture], width: 64, height: 64, script_name: "Poor man's outpainting", script_args: [32, 4, 7, ["left"]] });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("inpainting_fill");
  });
});

describe("Soft Inpainting through alwayson_scripts", () => {
  it("inpaints with A1111's seven args and writes its infotext fields", async () => {
    const { info, sizes } = await img2img({
      ...base, init_images: [picture], mask, mask_blur: 8, inpaint_full_res: false, width: 64, height: 64,
      alwayson_scripts: { "Soft Inpainting": { args: [true, 1, 0.5, 4, 0, 0.5, 2] } },
    });
    expect(sizes).toEqual(["64x64"]);
    expect(info.infotexts[0]).toContain("Soft inpainting enabled: True, Soft inpainting schedule bias: 1, Soft inpainting preservation strength: 0.5");
    expect(info.infotexts[0]).toContain("Soft inpainting difference contrast: 2");
  });

  it("stays out of a job that does not enable it", async () => {
    const { info } = await img2img({ ...base, init_images: [picture], mask, width: 64, height: 64, alwayson_scripts: { "soft inpainting": { args: [false] } } });
    expect(info.infotexts[0]).not.toContain("Soft inpainting");
  });
});

describe("the img2img fields the scripts use", () => {
  it("takes latent_mask, mask_round false and different mask_blur_x / mask_blur_y", async () => {
    const { info, sizes } = await img2img({
      ...base, init_images: [picture], mask, latent_mask: latentMask, mask_round: false, mask_blur_x: 2, mask_blur_y: 6, inpainting_fill: 0, width: 64, height: 64,
    });
    expect(sizes).toEqual(["64x64"]);
    // Different radii: A1111's mask_blur is None, so no "Mask blur" field.
    expect(info.infotexts[0]).not.toContain("Mask blur");
    expect(info.infotexts[0]).toContain("Masked content: fill");
  });

  it("answers 400 for a latent_mask that is not an image", async () => {
    const res = await postJson("/sdapi/v1/img2img", { ...base, init_images: [picture], mask, latent_mask: "bm90IGFuIGltYWdl" });
    expect(res.status).toBe(400);
  });
});
