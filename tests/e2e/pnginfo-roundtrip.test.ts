// Infotext round trip in a real browser: generate → download the PNG → read it in PNG Info → Send to
// txt2img on a fresh page → Generate again gives the same pixels and the same infotext.
import { describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { readPngText } from "@/lib/images/png-text";
import { generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

async function download(url: string): Promise<Buffer> {
  const response = await fetch(`${baseUrl}${url}`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const pixels = async (png: Buffer) => sharp(png).raw().toBuffer({ resolveWithObject: true });

describe("PNG Info round trip", () => {
  it("reads a generated PNG's infotext, pastes it into txt2img and regenerates the identical image", async () => {
    const first = await openApp(browser(), baseUrl);
    await first.fill("#txt2img_prompt", "a copper teapot, studio light");
    await first.fill("#txt2img_neg_prompt", "blurry");
    await first.selectOption("#txt2img_sampling", "Euler");
    await setNumbers(first, { txt2img_steps: 7, txt2img_cfg_scale: 5.5, txt2img_width: 64, txt2img_height: 72, txt2img_seed: 918273 });
    const firstUrl = await generateOne(first);
    const firstPng = await download(firstUrl);
    const infotext = readPngText(firstPng).parameters;
    expect(infotext).toContain("Seed: 918273");
    expect(infotext).toContain("Size: 64x72");
    await first.close();

    // A fresh page: the txt2img form starts from its defaults, so every filled field comes from the paste.
    const page = await openApp(browser(), baseUrl, "#pnginfo");
    expect(await page.inputValue("#txt2img_seed")).toBe("-1");
    expect(await page.locator("#pnginfo_send_txt2img").isDisabled()).toBe(true);
    await page.setInputFiles("#pnginfo_image", { name: "first.png", mimeType: "image/png", buffer: firstPng });
    await page.locator("#pnginfo_text").waitFor();
    expect(await page.locator("#pnginfo_text").textContent()).toBe(infotext);
    expect(await page.locator('#pnginfo_fields tr[data-key="Seed"] td').textContent()).toBe("918273");
    expect(await page.locator(`#pnginfo_fields tr[data-key="Size"] td`).textContent()).toBe("64x72");
    await expect.poll(() => page.locator("#pnginfo_preview").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);

    await page.click("#pnginfo_send_txt2img");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#txt2img");
    expect(await page.locator("#panel-txt2img").isVisible()).toBe(true);
    // The paste is applied by the txt2img tab after the switch renders: wait for it.
    await expect.poll(() => page.inputValue("#txt2img_prompt")).toBe("a copper teapot, studio light");
    expect(await page.inputValue("#txt2img_neg_prompt")).toBe("blurry");
    expect(await page.inputValue("#txt2img_seed")).toBe("918273");
    expect(await page.inputValue("#txt2img_steps")).toBe("7");
    expect(await page.inputValue("#txt2img_cfg_scale")).toBe("5.5");
    expect(await page.inputValue("#txt2img_width")).toBe("64");
    expect(await page.inputValue("#txt2img_height")).toBe("72");
    expect(await page.inputValue("#txt2img_sampling")).toBe("Euler");
    expect(await page.inputValue("#txt2img_scheduler")).toBe("Automatic");
    // Default settings everywhere: nothing to override.
    expect(await page.locator("#txt2img_override_settings").count()).toBe(0);

    const secondUrl = await generateOne(page);
    expect(secondUrl).not.toBe(firstUrl);
    const secondPng = await download(secondUrl);
    expect(readPngText(secondPng).parameters).toBe(infotext);
    const [a, b] = await Promise.all([pixels(firstPng), pixels(secondPng)]);
    expect(b.info).toMatchObject({ width: 64, height: 72, channels: a.info.channels });
    expect(b.data.equals(a.data)).toBe(true);
    await page.close();
  });

  it("says so when an image has no parameters, and refuses a file that is not an image", async () => {
    const page = await openApp(browser(), baseUrl, "#pnginfo");
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } }).jpeg().toBuffer();
    await page.setInputFiles("#pnginfo_image", { name: "plain.jpg", mimeType: "image/jpeg", buffer: plain });
    await page.locator("#pnginfo_no_parameters").waitFor();
    expect(await page.locator("#pnginfo_text").count()).toBe(0);
    expect(await page.locator("#pnginfo_send_txt2img").isDisabled()).toBe(true);

    await page.setInputFiles("#pnginfo_image", { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not really a PNG") });
    await page.locator("#pnginfo_error").waitFor();
    expect(await page.locator("#pnginfo_error").textContent()).toContain("notes.png is not a readable image");
    await page.close();
  });
});
