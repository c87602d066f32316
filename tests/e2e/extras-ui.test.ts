// The Extras tab in a real browser against the real server: ×2 and ×4 with the fixture ESRGAN model,
// checking the saved sizes (A1111: floor(side·s/8)·8) and the `extras` text chunk; then "Send to img2img".
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { readPngText } from "@/lib/images/png-text";
import { downloadResult, generateOne, openApp, setNumber } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

const ESRGAN = "onyx-esrgan-4x";

describe("Extras tab", () => {
  it("upscales ×2 and ×4 with the fixture ESRGAN model and saves the extras infotext", async () => {
    const page = await openApp(browser(), baseUrl, "#extras");
    const options = await page.locator("#extras_upscaler_1 option").allTextContents();
    expect(options.slice(0, 3)).toEqual(["None", "Lanczos", "Nearest"]);
    expect(options).toContain(ESRGAN);
    expect(await page.inputValue("#extras_upscaling_resize")).toBe("4"); // the UI default (the API's is 2)

    // 36×20: ×2 → 72×40 and ×4 → 144×80, all already multiples of 8.
    const input = await sharp({ create: { width: 36, height: 20, channels: 3, background: { r: 200, g: 90, b: 30 } } })
      .png()
      .toBuffer();
    await page.setInputFiles("#extras_image", { name: "small.png", mimeType: "image/png", buffer: input });
    await page.locator("#extras_image_preview").waitFor();
    await page.selectOption("#extras_upscaler_1", ESRGAN);

    for (const [scale, width, height] of [[2, 72, 40], [4, 144, 80]]) {
      await setNumber(page, "extras_upscaling_resize", scale);
      const url = await generateOne(page, "extras");
      const relative = decodeURIComponent(url.replace(/^\/files\//, ""));
      expect(path.dirname(relative)).toBe("extras-images"); // no date subfolder
      expect(fs.existsSync(path.join(runDir, "outputs", relative))).toBe(true);
      const saved = await downloadResult(baseUrl, url);
      const meta = await sharp(saved).metadata();
      expect([meta.width, meta.height]).toEqual([width, height]);
      const extras = `Postprocess upscale by: ${scale}, Postprocess upscaler: ${ESRGAN}`;
      expect(readPngText(saved).extras).toBe(extras);
      expect(await page.locator("#extras_infotext").innerText()).toBe(extras);
    }

    // Send to img2img: the tab switches and Resize to follows the sent image (144×80).
    await page.click("#extras_send_img2img");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#img2img");
    await page.locator("#img2img_image_preview").waitFor();
    await expect.poll(() => page.inputValue("#img2img_width")).toBe("144");
    expect(await page.inputValue("#img2img_height")).toBe("80");
    await page.close();
  });
});
