// img2img's "Resize by" tab and ↙️ paste button (issue 22 item 7): the factor applies to the image's
// size, rounded down to multiples of 8 as A1111 does, and the paste fills img2img's own controls.
import { describe, expect, inject, it } from "vitest";
import sharp from "sharp";
import { downloadResult, generateOne, openApp, setNumber } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

describe("img2img Resize by and paste", () => {
  it("pastes parameters from the prompt box, then generates at the image's size times the scale", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    await page.fill("#img2img_prompt", "a red fox in snow\nSteps: 2, Sampler: Euler, Schedule type: Karras, CFG scale: 4, Seed: 77, Size: 64x64, Denoising strength: 0.4");
    await page.click("#img2img_paste");
    await expect.poll(() => page.inputValue("#img2img_prompt")).toBe("a red fox in snow");
    expect(await page.inputValue("#img2img_steps")).toBe("2");
    expect(await page.inputValue("#img2img_scheduler")).toBe("Karras");
    expect(await page.inputValue("#img2img_denoising_strength")).toBe("0.4");
    expect(await page.inputValue("#img2img_seed")).toBe("77");

    const input = await sharp({ create: { width: 200, height: 120, channels: 3, background: "#446688" } }).png().toBuffer();
    await page.setInputFiles("#img2img_image", { name: "fox.png", mimeType: "image/png", buffer: input });
    await page.locator("#img2img_image_preview").waitFor();
    await page.click("#img2img_tab_resize_by");
    expect(await page.getAttribute("#img2img_tab_resize_by", "aria-selected")).toBe("true");
    expect(await page.locator("#img2img_width").count()).toBe(0);
    await setNumber(page, "img2img_scale", 0.8);
    // int(200·0.8) = 160, int(120·0.8) = 96: both already multiples of 8.
    expect(await page.textContent("#img2img_scale_resolution")).toBe("resize: from 200x120 to 160x96");
    await setNumber(page, "img2img_scale", 0.7);
    // int(140) → 136, int(84) → 80.
    expect(await page.textContent("#img2img_scale_resolution")).toBe("resize: from 200x120 to 136x80");
    const meta = await sharp(await downloadResult(baseUrl, await generateOne(page, "img2img"))).metadata();
    expect([meta.width, meta.height]).toEqual([136, 80]);

    await page.click("#img2img_tab_resize_to");
    expect(await page.inputValue("#img2img_width")).toBe("200"); // Resize to kept the uploaded image's size
    await page.close();
  });
});
