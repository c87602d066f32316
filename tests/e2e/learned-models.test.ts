// The trained models npm installs, through the real server: the learned upscalers in /sdapi/v1/upscalers with
// their scales, as the hires fix upscaler (API) and in the txt2img list, and in a real browser the Extras tab with "RRDN ×4 (UpscalerJS)" on the astronaut photograph
// (512² → a saved 2048² image), then the downscale-restore pair through the same tab: the ×4-downscaled
// astronaut restored by RRDN ×4 is ≥ 1 dB PSNR closer to the original than Lanczos' restoration.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { psnr } from "@/lib/images/psnr";
import type { RgbImage } from "@/lib/images/tensor-image";
import { downloadResult, generateOne, openApp, setNumber } from "./app-page";
import { sharedBrowser } from "./browser";
import { generate, getJson, pngSize } from "./sdapi";
import { loadPhoto, photoPath } from "../photos";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

const RRDN4 = "RRDN ×4 (UpscalerJS)";

async function pixels(png: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

/** Uploads `image` to Extras, upscales it ×4 with `upscaler` and returns the saved PNG. */
async function upscaleInExtras(page: Page, image: { name: string; buffer: Buffer } | string, upscaler: string): Promise<Buffer> {
  await page.setInputFiles("#extras_image", typeof image === "string" ? image : { ...image, mimeType: "image/png" });
  await page.locator("#extras_image_preview").waitFor();
  await page.selectOption("#extras_upscaler_1", upscaler);
  await setNumber(page, "extras_upscaling_resize", 4);
  // RRDN is a 7-million-parameter network: 512² → 2048² takes ~30 s on two idle cores, minutes on a busy machine.
  const url = await generateOne(page, "extras", 540_000);
  const relative = decodeURIComponent(url.replace(/^\/files\//, ""));
  expect(fs.existsSync(path.join(runDir, "outputs", relative))).toBe(true);
  return downloadResult(baseUrl, url);
}

describe("learned upscalers from npm", () => {
  it("GET /sdapi/v1/upscalers lists the RDN and RRDN models with their scales", async () => {
    const list = await getJson<Array<Record<string, unknown>>>("/sdapi/v1/upscalers");
    const learned = list.filter((u) => u.model_name === "UpscalerJS").map((u) => [u.name, u.scale]);
    expect(learned).toEqual(["RDN", "RRDN"].flatMap((a) => [2, 3, 4, 8].map((s) => [`${a} ×${s} (UpscalerJS)`, s])));
    expect(list.find((u) => u.name === RRDN4)).toMatchObject({ model_url: null, model_path: expect.stringMatching(/converted[/\\]rrdn-x4\.onnx$/) });
  });

  it("hires fix upscales with one (API), and the txt2img Upscaler list offers them", async () => {
    const body = { prompt: "a lighthouse", steps: 2, width: 64, height: 64, seed: 5, enable_hr: true, hr_scale: 2, hr_upscaler: "RRDN ×2 (UpscalerJS)", hr_second_pass_steps: 1, denoising_strength: 0.5 };
    const answer = await generate("txt2img", body);
    expect(await pngSize(answer.images[0])).toEqual([128, 128]);
    expect(answer.info.infotexts[0]).toContain("Hires upscaler: RRDN ×2 (UpscalerJS)");

    const page = await openApp(browser(), baseUrl);
    await page.check("#txt2img_hr");
    const options = await page.locator("#txt2img_hr_upscaler option").allTextContents();
    expect(options).toEqual(expect.arrayContaining(["RDN ×4 (UpscalerJS)", RRDN4]));
    await page.close();
  }, 300_000);

  it("Extras with RRDN ×4 saves the astronaut at 2048², and restores a ×4 downscale ≥ 1 dB better than Lanczos", async () => {
    const page = await openApp(browser(), baseUrl, "#extras");
    expect(await page.locator("#extras_upscaler_1 option").allTextContents()).toContain(RRDN4);

    const big = await upscaleInExtras(page, photoPath("astronaut.png"), RRDN4);
    const meta = await sharp(big).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 2048]);
    expect(await page.locator("#extras_infotext").innerText()).toBe(`Postprocess upscale by: 4, Postprocess upscaler: ${RRDN4}`);

    const original = await loadPhoto("astronaut.png");
    const small = { name: "astronaut-128.png", buffer: await sharp(photoPath("astronaut.png")).removeAlpha().resize(128, 128, { kernel: "cubic" }).png().toBuffer() };
    const restored = await pixels(await upscaleInExtras(page, small, RRDN4));
    const lanczos = await pixels(await upscaleInExtras(page, small, "Lanczos"));
    expect([restored.width, restored.height, lanczos.width, lanczos.height]).toEqual([512, 512, 512, 512]);
    expect(psnr(restored, original) - psnr(lanczos, original)).toBeGreaterThanOrEqual(1);
    await page.close();
  }, 900_000);
});
