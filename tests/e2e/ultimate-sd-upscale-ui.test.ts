// Ultimate SD upscale from the img2img tab of a real browser: Script → "Ultimate SD upscale", the upscaler picked
// from the dropdown of installed upscalers, Generate; the progress text counts the tiles and the gallery shows
// the saved result at the target size with the extension's infotext.
import path from "node:path";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import { readPngText } from "@/lib/images/png-text";
import { FIXTURE_ESRGAN } from "@/lib/onnx/fixtures";
import { downloadResult, generateOne, openApp, setNumber } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const ESRGAN = path.basename(FIXTURE_ESRGAN, ".onnx");
const USDU = "#script_ultimate_sd_upscale";

async function picture(w: number, h: number): Promise<Buffer> {
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgb.set([(x * 255) / w, (y * 255) / h, ((x >> 3) + (y >> 3)) % 2 ? 160 : 40], (y * w + x) * 3);
  return sharp(rgb, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

describe("Ultimate SD upscale in the img2img tab", () => {
  it("upscales with an upscaler chosen from the list, reports the tiles and shows the result at the target size", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    await page.setInputFiles("#img2img_image", { name: "input.png", mimeType: "image/png", buffer: await picture(256, 128) });
    await page.locator("#img2img_image_preview").waitFor();
    await page.fill("#img2img_prompt", "a harbour at dusk");
    // Enough steps that each tile outlasts a progress poll (a 2-step job ended between two polls on a quiet machine).
    await setNumber(page, "img2img_steps", 60);

    await page.selectOption("#img2img_script", { label: "Ultimate SD upscale" });
    const upscalers = await page.locator(`${USDU}_upscaler option`).allInnerTexts();
    expect(upscalers.slice(0, 3)).toEqual(["None", "Lanczos", "Nearest"]);
    expect(upscalers).toContain(ESRGAN);
    await page.selectOption(`${USDU}_upscaler`, ESRGAN);
    await page.selectOption(`${USDU}_target_size_type`, "Scale from image size");
    expect(await page.inputValue(`${USDU}_custom_scale`)).toBe("2");
    await setNumber(page, "script_ultimate_sd_upscale_tile_width", 128);

    // Record every text under the progress bar while the job runs.
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { __texts: Set<string> }).__texts = seen;
      const record = () => {
        const text = document.querySelector("#img2img_progress")?.parentElement?.querySelector("p")?.textContent;
        if (text) seen.add(text);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const url = await generateOne(page, "img2img", 300_000);
    const texts = await page.evaluate(() => [...(window as unknown as { __texts: Set<string> }).__texts]);
    // 512×256 in 128² tiles: 4 × 2 tiles; the sampler's step count follows the tile count.
    expect(texts.some((t) => /^USDU tile [1-8]\/8(, Sampling step \d+\/\d+)?$/.test(t))).toBe(true);

    const png = await downloadResult(baseUrl, url);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([512, 256]);
    const infotext = readPngText(png).parameters;
    expect(infotext).toContain(`Ultimate SD upscale upscaler: ${ESRGAN}, Ultimate SD upscale tile_width: 128, Ultimate SD upscale tile_height: 128`);
    expect(infotext).toContain("Size: 512x256");
    await page.click("#img2img_gallery_selected");
    const full = page.locator("#lightbox_image");
    await full.waitFor();
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(512);
    await page.close();
  });
});
