// The img2img tab in a real browser against the real server: upload → img2img at 64×64; Inpaint with
// a mask stroke drawn by mouse on the canvas and "Only masked", where everything outside the blurred,
// padded crop box must come back byte-identical; "Send to inpaint" from a result.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import sharp from "sharp";
import { readPngText } from "@/lib/images/png-text";
import { downloadResult, drawStroke, generateOne, openApp, setNumber, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

/** A w×h RGB test picture with detail everywhere: a diagonal gradient crossed with a checker of 8-pixel cells. */
async function testPicture(w: number, h: number): Promise<{ png: Buffer; rgb: Buffer }> {
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const checker = ((x >> 3) + (y >> 3)) % 2 === 0 ? 60 : 0;
      rgb[i] = (x * 255) / (w - 1);
      rgb[i + 1] = (y * 255) / (h - 1);
      rgb[i + 2] = 100 + checker;
    }
  const png = await sharp(rgb, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
  return { png, rgb };
}

const rawPixels = (png: Buffer) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });

/** The saved file behind a /files/… URL exists under the test server's outputs folder, in `folder`. */
function expectSaved(url: string, folder: string) {
  const relative = decodeURIComponent(url.replace(/^\/files\//, ""));
  expect(relative.split("/")[0]).toBe(folder);
  expect(fs.existsSync(path.join(runDir, "outputs", relative))).toBe(true);
}

describe("img2img tab", () => {
  it("reworks an uploaded image at 64×64 and saves it with its denoising strength", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    const { png } = await testPicture(64, 64);
    await page.setInputFiles("#img2img_image", { name: "input.png", mimeType: "image/png", buffer: png });
    await page.locator("#img2img_image_preview").waitFor();
    // Resize to follows the image; denoising opens at A1111's 0.75.
    await expect.poll(() => page.inputValue("#img2img_width")).toBe("64");
    expect(await page.inputValue("#img2img_height")).toBe("64");
    expect(await page.inputValue("#img2img_denoising_strength")).toBe("0.75");
    await page.fill("#img2img_prompt", "a mossy stone wall");
    await setNumber(page, "img2img_steps", 4);

    const url = await generateOne(page, "img2img");
    expectSaved(url, "img2img-images");
    const saved = await downloadResult(baseUrl, url);
    const meta = await sharp(saved).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
    const infotext = readPngText(saved).parameters;
    expect(infotext).toContain("Denoising strength: 0.75");
    expect(infotext).toContain("Size: 64x64");
    expect(await page.locator("#img2img_infotext").innerText()).toBe(infotext);
    await page.close();
  });

  it("inpaints only the masked area of a stroke drawn with the mouse, leaving far pixels untouched", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    const size: [number, number] = [128, 128];
    const { png, rgb } = await testPicture(...size);
    await page.click("#img2img_mode_inpaint");
    await page.setInputFiles("#img2img_inpaint_image", { name: "inpaint.png", mimeType: "image/png", buffer: png });
    await page.locator("#img2img_mask_canvas").waitFor();
    // Inpaint opens at A1111's UI defaults.
    expect(await page.inputValue("#img2img_mask_blur")).toBe("4");
    expect(await page.isChecked("#img2img_inpainting_fill_1")).toBe(true); // original
    expect(await page.isChecked("#img2img_inpaint_full_res_0")).toBe(true); // Whole picture
    expect(await page.inputValue("#img2img_inpaint_full_res_padding")).toBe("32");

    await setNumber(page, "img2img_mask_brush_size", 8);
    await drawStroke(page, "#img2img_mask_canvas", [[12, 12], [36, 12]], size);
    // The stroke is on the canvas in image pixels: opaque on its line, transparent far away.
    const alphaAt = (x: number, y: number) =>
      page.locator("#img2img_mask_canvas").evaluate((c: HTMLCanvasElement, [px, py]) => c.getContext("2d")!.getImageData(px, py, 1, 1).data[3], [x, y]);
    expect(await alphaAt(24, 12)).toBe(255);
    expect(await alphaAt(100, 100)).toBe(0);

    await page.check("#img2img_inpaint_full_res_1"); // Only masked
    await setNumbers(page, { img2img_width: 64, img2img_height: 64, img2img_steps: 4 });
    await page.fill("#img2img_prompt", "a golden coin");
    const url = await generateOne(page, "img2img");
    expectSaved(url, "img2img-images");

    const saved = await downloadResult(baseUrl, url);
    const infotext = readPngText(saved).parameters;
    expect(infotext).toContain("Mask blur: 4");
    expect(infotext).toContain("Inpaint area: Only masked");
    expect(infotext).toContain("Masked area padding: 32");
    const out = await rawPixels(saved);
    expect([out.info.width, out.info.height]).toEqual(size); // pasted back into the full picture

    // Stroke bbox x 8–40, y 8–16; blur 4 widens it by its kernel radius int(2.5·4 + 0.5) = 10, padding by 32,
    // and the 1:1 processing aspect makes the box square: at most x, y < 83. The corner x, y ≥ 96 is outside it.
    let differing = 0;
    for (let y = 96; y < 128; y++)
      for (let x = 96; x < 128; x++)
        for (let c = 0; c < 3; c++) if (out.data[(y * 128 + x) * 3 + c] !== rgb[(y * 128 + x) * 3 + c]) differing++;
    expect(differing).toBe(0);
    // Under the stroke the model did repaint.
    let change = 0;
    for (let x = 14; x < 34; x++) for (let c = 0; c < 3; c++) change += Math.abs(out.data[(12 * 128 + x) * 3 + c] - rgb[(12 * 128 + x) * 3 + c]);
    expect(change / 60).toBeGreaterThan(2);

    // Send to inpaint puts the result on the canvas with a fresh, empty mask.
    const preview = () => page.locator("#img2img_inpaint_image_preview").getAttribute("src");
    const before = await preview();
    await page.click("#img2img_send_inpaint");
    await expect.poll(preview).not.toBe(before);
    expect(Buffer.from((await preview())!.split(",")[1], "base64").equals(saved)).toBe(true);
    expect(await alphaAt(24, 12)).toBe(0);
    await page.close();
  });
  it("shows Soft Inpainting as an accordion with its enable checkbox and sliders, and inpaints with it ticked", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    // An img2img-only built-in: not on the txt2img tab.
    expect(await page.locator("#panel-img2img #script_soft_inpainting_accordion").count()).toBe(1);
    expect(await page.locator("#panel-txt2img #script_soft_inpainting_accordion").count()).toBe(0);
    // The img2img Script dropdown offers A1111's outpainting scripts.
    expect(await page.locator("#img2img_script option").allInnerTexts()).toEqual(expect.arrayContaining(["Outpainting mk2", "Poor man's outpainting"]));
    const size: [number, number] = [64, 64];
    const { png } = await testPicture(...size);
    await page.click("#img2img_mode_inpaint");
    await page.setInputFiles("#img2img_inpaint_image", { name: "inpaint.png", mimeType: "image/png", buffer: png });
    await page.locator("#img2img_mask_canvas").waitFor();
    await setNumber(page, "img2img_mask_brush_size", 16);
    await drawStroke(page, "#img2img_mask_canvas", [[16, 32], [48, 32]], size);

    const accordion = page.locator("#script_soft_inpainting_accordion");
    expect(await accordion.locator("summary").innerText()).toContain("Soft Inpainting");
    expect(await page.isChecked("#script_soft_inpainting_enabled")).toBe(false);
    await accordion.locator("summary span").click();
    // A1111's defaults, each a slider with its range.
    expect(await page.inputValue("#script_soft_inpainting_mask_blend_power")).toBe("1");
    expect(await page.inputValue("#script_soft_inpainting_composite_difference_contrast")).toBe("2");
    expect(await accordion.innerText()).toContain("Pixel composite");
    await page.check("#script_soft_inpainting_enabled");
    await setNumber(page, "script_soft_inpainting_mask_blend_power", 2.5);

    await setNumber(page, "img2img_steps", 3);
    await page.fill("#img2img_prompt", "a red apple");
    const url = await generateOne(page, "img2img");
    const infotext = readPngText(await downloadResult(baseUrl, url)).parameters;
    expect(infotext).toContain("Soft inpainting enabled: True, Soft inpainting schedule bias: 2.5, Soft inpainting preservation strength: 0.5");
    expect(infotext).toContain("Soft inpainting difference contrast: 2");
    await page.close();
  });
});
