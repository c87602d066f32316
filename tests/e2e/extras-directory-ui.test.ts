// Extras "Batch from Directory" (issue 22 item 7): a server folder in, another out, results under the
// original names; a folder that does not exist is reported in the tab.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import sharp from "sharp";
import { readPngText, writePngText } from "@/lib/images/png-text";
import { openApp, setNumber } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

describe("Extras Batch from Directory", () => {
  it("upscales every image of the input folder into the output folder", async () => {
    const input = path.join(runDir, "extras-dir", "in");
    const output = path.join(runDir, "extras-dir", "out");
    fs.mkdirSync(input, { recursive: true });
    const square = await sharp({ create: { width: 24, height: 16, channels: 3, background: "#aa5500" } }).png().toBuffer();
    fs.writeFileSync(path.join(input, "a.png"), writePngText(square, { parameters: "a kettle\nSteps: 3, Sampler: Euler, Seed: 5" }));
    fs.writeFileSync(path.join(input, "b.jpg"), await sharp({ create: { width: 16, height: 32, channels: 3, background: "#0055aa" } }).jpeg().toBuffer());
    fs.writeFileSync(path.join(input, "notes.txt"), "not an image");

    const page = await openApp(browser(), baseUrl, "#extras");
    await page.click("#extras_directory");
    await page.fill("#extras_batch_input_dir", path.join(runDir, "extras-dir", "missing"));
    await page.click("#extras_generate");
    await expect.poll(() => page.locator("#extras_error").textContent()).toContain("is not a folder on the server");

    await page.fill("#extras_batch_input_dir", input);
    await page.fill("#extras_batch_output_dir", output);
    await page.selectOption("#extras_upscaler_1", "Lanczos");
    await setNumber(page, "extras_upscaling_resize", 2);
    await page.click("#extras_generate");
    await expect.poll(() => (fs.existsSync(output) ? fs.readdirSync(output).sort() : []), { timeout: 60_000 }).toEqual(["a.png", "b.png"]);
    await expect.poll(() => page.locator("#extras_gallery img").count()).toBeGreaterThanOrEqual(1);
    const a = fs.readFileSync(path.join(output, "a.png"));
    expect([(await sharp(a).metadata()).width, (await sharp(a).metadata()).height]).toEqual([48, 32]);
    expect(readPngText(a)).toMatchObject({ parameters: "a kettle\nSteps: 3, Sampler: Euler, Seed: 5", extras: "Postprocess upscale by: 2, Postprocess upscaler: Lanczos" });
    const b = await sharp(fs.readFileSync(path.join(output, "b.png"))).metadata();
    expect([b.width, b.height]).toEqual([32, 64]);
    await page.close();
  });
});
