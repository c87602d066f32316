// Tiled Diffusion through the A1111 API against the real server: the extension's positional args (as clients
// send them, a prefix of the 101), img2img upscaled ×2 with an installed upscaler before tiling, txt2img with
// the size overwritten; output sizes and the infotext fields.
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { FIXTURE_ESRGAN } from "@/lib/onnx/fixtures";
import { generate, pngSize, postJson } from "./sdapi";

const ESRGAN = path.basename(FIXTURE_ESRGAN, ".onnx");

async function picture(width: number, height: number): Promise<string> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
  return (await sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer()).toString("base64");
}

const base = { prompt: "a harbour", steps: 2, seed: 3, sampler_name: "Euler" };

describe("Tiled Diffusion through /sdapi/v1", () => {
  it("img2img: the clients' positional prefix upscales ×2 with an installed upscaler and keeps the upscaled size", async () => {
    // The list with the fixture's upscaler: tiles 112×144 do not split a 160×128 canvas, so only the
    // upscale runs (and writes its two fields), as in the extension.
    const args = [true, "MultiDiffusion", true, true, 1, 1, 112, 144, 4, 8, ESRGAN, 2, false, 0, 0.0, 3];
    const answer = await generate("img2img", { ...base, init_images: [await picture(80, 64)], denoising_strength: 0.5, width: 64, height: 64, alwayson_scripts: { "Tiled Diffusion": { args } } });
    expect(await pngSize(answer.images[0])).toEqual([160, 128]);
    const infotext = answer.info.infotexts[0];
    expect(infotext).toContain(`Tiled Diffusion upscaler: ${ESRGAN}, Tiled Diffusion scale factor: 2.0`);
    expect(infotext).toContain("Size: 160x128");
    expect(infotext).not.toContain("Tiled Diffusion: ");

    // Tiles of 16 latent px split the 20×16 latent: the tiled run writes the extension's dict too.
    const tiled = [true, "Mixture of Diffusers", false, true, 1024, 1024, 16, 16, 8, 4, ESRGAN, 2];
    const second = await generate("img2img", { ...base, init_images: [await picture(80, 64)], denoising_strength: 0.5, alwayson_scripts: { "tiled diffusion": { args: tiled } } });
    expect(await pngSize(second.images[0])).toEqual([160, 128]);
    // The upscale writes its fields first, then the activated script its dict (the extension's order).
    expect(second.info.infotexts[0]).toContain(
      `Tiled Diffusion upscaler: ${ESRGAN}, Tiled Diffusion scale factor: 2.0, Tiled Diffusion: "{'Method': 'Mixture of Diffusers', 'Tile tile width': 16, 'Tile tile height': 16, 'Tile Overlap': 8, 'Tile batch size': 4, 'Upscaler': '${ESRGAN}', 'Upscale factor': 2.0, 'Keep input size': True}"`,
    );
  });

  it("txt2img: Overwrite image size sets the canvas; the infotext has the dict and the size", async () => {
    const args = [true, "MultiDiffusion", true, true, 384, 256, 24, 24, 8, 4];
    const answer = await generate("txt2img", { ...base, width: 64, height: 64, alwayson_scripts: { "Tiled Diffusion": { args } } });
    expect(await pngSize(answer.images[0])).toEqual([384, 256]);
    const infotext = answer.info.infotexts[0];
    expect(infotext).toContain("Size: 384x256");
    expect(infotext).toContain(`Tiled Diffusion: "{'Method': 'MultiDiffusion', 'Tile tile width': 24, 'Tile tile height': 24, 'Tile Overlap': 8, 'Tile batch size': 4}"`);
  });

  it("arguments by name are checked: an unknown method answers 422", async () => {
    const res = await postJson("/sdapi/v1/txt2img", { ...base, alwayson_scripts: { "Tiled Diffusion": { args: { enabled: true, method: "SpotDiffusion" } } } });
    expect(res.status).toBe(422);
  });
});
