// img2img's "Inpaint upload" sub-tab (issue 22 item 7): an image and a mask file (white = repaint);
// only the masked area changes.
import { describe, expect, inject, it } from "vitest";
import sharp from "sharp";
import { downloadResult, generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const SIZE = 128;

describe("Inpaint upload", () => {
  it("repaints the mask file's white area and leaves far pixels byte-identical", async () => {
    const rgb = Buffer.alloc(SIZE * SIZE * 3);
    for (let i = 0; i < SIZE * SIZE; i++) rgb.set([(i % SIZE) * 2, Math.floor(i / SIZE) * 2, 128], i * 3);
    const image = await sharp(rgb, { raw: { width: SIZE, height: SIZE, channels: 3 } }).png().toBuffer();
    const maskPixels = Buffer.alloc(SIZE * SIZE);
    for (let y = 8; y < 16; y++) for (let x = 8; x < 40; x++) maskPixels[y * SIZE + x] = 255;
    const mask = await sharp(maskPixels, { raw: { width: SIZE, height: SIZE, channels: 1 } }).png().toBuffer();

    const page = await openApp(browser(), baseUrl, "#img2img");
    await page.click("#img2img_mode_inpaint_upload");
    await page.setInputFiles("#img2img_inpaint_upload_image", { name: "image.png", mimeType: "image/png", buffer: image });
    await page.locator("#img2img_inpaint_upload_image_preview").waitFor();
    await page.click("#img2img_generate");
    await expect.poll(() => page.locator("#img2img_error").textContent()).toBe("Upload a mask for the image first");

    await page.setInputFiles("#img2img_inpaint_upload_mask", { name: "mask.png", mimeType: "image/png", buffer: mask });
    await page.locator("#img2img_inpaint_upload_mask_preview").waitFor();
    await page.check("#img2img_inpaint_full_res_1"); // Only masked
    await setNumbers(page, { img2img_width: 64, img2img_height: 64, img2img_steps: 4 });
    await page.fill("#img2img_prompt", "a golden coin");
    const saved = await downloadResult(baseUrl, await generateOne(page, "img2img"));
    const out = await sharp(saved).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([out.info.width, out.info.height]).toEqual([SIZE, SIZE]);
    // The mask's box (x 8–40, y 8–16) widened by blur and padding stays below x, y = 96 (as in img2img-ui.test.ts).
    let differing = 0;
    for (let y = 96; y < SIZE; y++) for (let x = 96; x < SIZE; x++) for (let c = 0; c < 3; c++) if (out.data[(y * SIZE + x) * 3 + c] !== rgb[(y * SIZE + x) * 3 + c]) differing++;
    expect(differing).toBe(0);
    let change = 0;
    for (let x = 14; x < 34; x++) for (let c = 0; c < 3; c++) change += Math.abs(out.data[(12 * SIZE + x) * 3 + c] - rgb[(12 * SIZE + x) * 3 + c]);
    expect(change / 60).toBeGreaterThan(2);
    await page.close();
  });
});
