// Hires fix in the txt2img tab of a real browser: the accordion's size label and a 2× second pass.
import { describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { readPngText } from "@/lib/images/png-text";
import { downloadResult, generateOne, openApp, setNumber, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

describe("txt2img hires fix", () => {
  it("upscales by 2 in a second pass: 64×64 → 128×128, with its infotext keys", async () => {
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_width: 64, txt2img_height: 64, txt2img_steps: 4 });
    await page.check("#txt2img_hr");
    expect(await page.inputValue("#txt2img_hr_scale")).toBe("2");
    expect(await page.inputValue("#txt2img_denoising_strength")).toBe("0.7");
    expect(await page.inputValue("#txt2img_hr_upscaler")).toBe("Latent");
    expect(await page.locator("#txt2img_hires_size").innerText()).toBe("from 64x64 to 128x128");
    await setNumber(page, "txt2img_hires_steps", 2);

    const saved = await downloadResult(baseUrl, await generateOne(page));
    const meta = await sharp(saved).metadata();
    expect([meta.width, meta.height]).toEqual([128, 128]);
    const infotext = readPngText(saved).parameters;
    // Size stays the first pass's; the hires keys follow (docs/a1111/generation.md#hires-fix).
    expect(infotext).toContain("Size: 64x64");
    expect(infotext).toContain("Denoising strength: 0.7, Hires upscale: 2, Hires steps: 2, Hires upscaler: Latent");
    await page.close();
  });
});
