// img2img's Batch sub-tab (issue 22 item 7): every image of a server folder processed with the tab's
// controls into an output folder under its own name, with "PNG info" taking an input's prompt and seed,
// and "Resize by" scaling each input's own size.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import sharp from "sharp";
import { readPngText, writePngText } from "@/lib/images/png-text";
import { openApp, setNumber, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

describe("img2img Batch", () => {
  it("processes the two images of the input folder into the output folder", async () => {
    const input = path.join(runDir, "img2img-batch", "in");
    const output = path.join(runDir, "img2img-batch", "out");
    fs.mkdirSync(input, { recursive: true });
    const a = await sharp({ create: { width: 40, height: 24, channels: 3, background: "#aa5500" } }).png().toBuffer();
    fs.writeFileSync(path.join(input, "a.png"), writePngText(a, { parameters: "a kettle\nSteps: 3, Sampler: Euler, CFG scale: 5, Seed: 5, Size: 40x24" }));
    fs.writeFileSync(path.join(input, "b.jpg"), await sharp({ create: { width: 24, height: 40, channels: 3, background: "#0055aa" } }).jpeg().toBuffer());

    const page = await openApp(browser(), baseUrl, "#img2img");
    await page.click("#img2img_mode_batch");
    await page.fill("#img2img_batch_input_dir", path.join(runDir, "img2img-batch", "missing"));
    await page.click("#img2img_generate");
    await expect.poll(() => page.locator("#img2img_error").textContent()).toContain("is not a folder on the server");

    await page.fill("#img2img_prompt", "oil painting");
    await page.fill("#img2img_batch_input_dir", input);
    await page.fill("#img2img_batch_output_dir", output);
    await page.check("#img2img_batch_use_png_info");
    await page.check("#img2img_batch_png_info_prompt");
    await page.check("#img2img_batch_png_info_seed");
    await setNumbers(page, { img2img_steps: 2, img2img_width: 72, img2img_height: 64 });
    await page.click("#img2img_generate");
    await expect.poll(() => (fs.existsSync(output) ? fs.readdirSync(output).sort() : []), { timeout: 120_000 }).toEqual(["a.png", "b.png"]);
    await expect.poll(() => page.locator("#img2img_gallery img").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    for (const name of ["a.png", "b.png"]) {
      const meta = await sharp(fs.readFileSync(path.join(output, name))).metadata();
      expect([name, meta.width, meta.height]).toEqual([name, 72, 64]);
    }
    // a.png's prompt is appended and its seed replaces the random one; its steps and sampler were not chosen.
    const infotextA = readPngText(fs.readFileSync(path.join(output, "a.png"))).parameters;
    expect(infotextA.split("\n")[0]).toBe("oil painting a kettle");
    expect(infotextA).toContain("Seed: 5,");
    expect(infotextA).toContain("Steps: 2,");
    expect(readPngText(fs.readFileSync(path.join(output, "b.png"))).parameters.split("\n")[0]).toBe("oil painting");

    // Resize by scales each input's own size: 40×24 and 24×40 times 3.
    const scaled = path.join(runDir, "img2img-batch", "out-by");
    await page.fill("#img2img_batch_output_dir", scaled);
    await page.click("#img2img_tab_resize_by");
    await setNumber(page, "img2img_scale", 3);
    await page.click("#img2img_generate");
    await expect.poll(() => (fs.existsSync(scaled) ? fs.readdirSync(scaled).sort() : []), { timeout: 120_000 }).toEqual(["a.png", "b.png"]);
    const sizes = await Promise.all(["a.png", "b.png"].map(async (name) => sharp(fs.readFileSync(path.join(scaled, name))).metadata()));
    expect(sizes.map((m) => [m.width, m.height])).toEqual([
      [120, 72],
      [72, 120],
    ]);
    await page.close();
  });
});
