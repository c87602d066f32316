// Ultimate SD upscale and A1111's SD upscale through /sdapi/v1/img2img against the real server: the positional
// script_args lists clients send (the issue's, the extension README's), by name with the upscaler by name, the
// output size, the infotext fields, the pictures returned and saved; the SD upscale call of A1111's own API test.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import { FIXTURE_ESRGAN } from "@/lib/onnx/fixtures";
import { generate, getJson, pngSize, postJson } from "./sdapi";

const outputs = path.join(inject("runDir"), "outputs");
const ESRGAN = path.basename(FIXTURE_ESRGAN, ".onnx");

async function picture(width: number, height: number): Promise<string> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, (x ^ y) & 255], (y * width + x) * 3);
  return (await sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer()).toString("base64");
}

/** Every PNG under the outputs folder's img2img-images. */
function savedPngs(): string[] {
  const folder = path.join(outputs, "img2img-images");
  if (!fs.existsSync(folder)) return [];
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((f) => f.endsWith(".png"));
}

const base = { prompt: "a harbour", steps: 2, seed: 21, sampler_name: "Euler", denoising_strength: 0.4 };

describe("Ultimate SD upscale through /sdapi/v1/img2img", () => {
  it("the issue's list: ×2 from the image's size, redraw and seams fix, two pictures, the upscaled one saved", async () => {
    const before = savedPngs().length;
    const args = ["", 512, 0, 8, 32, 64, 0.35, 16, 0, true, 0, false, 4, 3, 2, 2048, 2048, 2];
    // 512×256 → 1024×512: two tiles, one half-tile seam, no intersection (a small run on a busy machine).
    const answer = await generate("img2img", { ...base, init_images: [await picture(512, 256)], script_name: "ultimate sd upscale", script_args: args });
    expect(answer.images).toHaveLength(2);
    for (const image of answer.images) expect(await pngSize(image)).toEqual([1024, 512]);
    // The redraw picture carries the last tile's infotext, the seams-fixed one the seam's.
    expect(answer.info.infotexts[0]).toContain("Denoising strength: 0.4");
    expect(answer.info.infotexts[1]).toContain("Denoising strength: 0.35");
    for (const infotext of answer.info.infotexts) {
      expect(infotext).toContain("Size: 1024x512");
      expect(infotext).toContain(
        "Ultimate SD upscale upscaler: None, Ultimate SD upscale tile_width: 512, Ultimate SD upscale tile_height: 512, Ultimate SD upscale mask_blur: 8, Ultimate SD upscale padding: 32",
      );
      expect(infotext).toContain("Inpaint area: Only masked");
    }
    expect(answer.info.infotexts[1]).toContain("Mask blur: 4");
    expect(answer.info.infotexts[1]).toContain("Masked area padding: 16");
    expect(savedPngs().length - before).toBe(1);
  });

  it("the extension README's list: the img2img size as the target, one picture, saved", async () => {
    const before = savedPngs().length;
    const args = [null, 512, 512, 8, 32, 64, 0.35, 32, 0, true, 0, false, 8, 0, 0, 2048, 2048, 2];
    const answer = await generate("img2img", { ...base, width: 1024, height: 512, init_images: [await picture(512, 256)], script_name: "Ultimate SD upscale", script_args: args });
    expect(answer.images).toHaveLength(1);
    expect(await pngSize(answer.images[0])).toEqual([1024, 512]);
    expect(answer.info.infotexts[0]).toContain("Size: 1024x512");
    expect(answer.info.infotexts[0]).toContain("Ultimate SD upscale tile_height: 512");
    expect(answer.info).toMatchObject({ width: 1024, height: 512 });
    expect(savedPngs().length - before).toBe(1);
  });

  it("the dropdowns by name or by index, the upscaler by its name or by its index in /sdapi/v1/upscalers; nothing saved when the save options are off", async () => {
    const upscalers = await getJson<Array<{ name: string }>>("/sdapi/v1/upscalers");
    const index = upscalers.findIndex((u) => u.name === ESRGAN);
    expect(index).toBeGreaterThan(2);
    const before = savedPngs().length;
    const init = await picture(128, 96);
    const byName = await generate("img2img", { ...base, init_images: [init], script_name: "ultimate sd upscale", script_args: ["", 128, 0, 8, 32, 64, 0.35, 16, ESRGAN, false, "Chess", false, 4, "None", "Custom size", 256, 192, 2] });
    const byIndex = await generate("img2img", { ...base, init_images: [init], script_name: "ultimate sd upscale", script_args: ["", 128, 0, 8, 32, 64, 0.35, 16, index, false, 1, false, 4, 0, 1, 256, 192, 2] });
    expect(await pngSize(byName.images[0])).toEqual([256, 192]);
    expect(byName.info.infotexts[0]).toContain(`Ultimate SD upscale upscaler: ${ESRGAN}, Ultimate SD upscale tile_width: 128, Ultimate SD upscale tile_height: 128`);
    // The same upscale and the same tiles with the same seed: the same picture.
    expect(byIndex.images[0]).toBe(byName.images[0]);
    expect(savedPngs().length).toBe(before);
  });

  it("refuses an upscaler that is not installed and a redraw type out of range with 422", async () => {
    const init = await picture(64, 64);
    const unknown = await postJson("/sdapi/v1/img2img", { ...base, init_images: [init], script_name: "ultimate sd upscale", script_args: ["", 512, 0, 8, 32, 64, 0.35, 16, 99] });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("upscaler");
    const redraw = await postJson("/sdapi/v1/img2img", { ...base, init_images: [init], script_name: "ultimate sd upscale", script_args: ["", 512, 0, 8, 32, 64, 0.35, 16, 0, true, 7] });
    expect(redraw.status).toBe(422);
  });
});

describe("SD upscale through /sdapi/v1/img2img", () => {
  it("A1111's own API test call: 200 and a picture twice the size", async () => {
    const answer = await generate("img2img", { ...base, width: 64, height: 64, init_images: [await picture(96, 80)], script_name: "sd upscale", script_args: ["", 8, "Lanczos", 2.0] });
    expect(answer.images).toHaveLength(1);
    expect(await pngSize(answer.images[0])).toEqual([192, 160]);
    expect(answer.info.infotexts[0]).toContain("SD upscale overlap: 8, SD upscale upscaler: Lanczos");
  });
});
