// Tiled VAE in the txt2img tab of a real browser: the accordion with its header checkbox and fields, "↻ Reset"
// restoring the defaults, then Generate with it on — the image shows at its size and the infotext is the one the
// same job has without Tiled VAE (the extension writes nothing to it), with no fall-back warning.
import { describe, expect, inject, it } from "vitest";
import sharp from "sharp";
import { readPngText } from "@/lib/images/png-text";
import { downloadResult, generateOne, openApp, setNumber } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const TVAE = "script_txt2img_tiled_vae";

describe("Tiled VAE accordion", () => {
  it("enables, resets and generates with an unchanged infotext", { timeout: 300_000 }, async () => {
    const page = await openApp(browser(), baseUrl);
    // 768×768: a 96×96 latent, more than one decoder tile of 64 plus padding.
    await setNumber(page, "txt2img_width", 768);
    await setNumber(page, "txt2img_height", 768);
    await setNumber(page, "txt2img_steps", 2);
    await setNumber(page, "txt2img_seed", 1234);
    const plain = readPngText(await downloadResult(baseUrl, await generateOne(page))).parameters;

    await page.check(`#${TVAE}_enabled`);
    await page.click(`#${TVAE}_accordion > summary span`);
    expect(await page.inputValue(`#${TVAE}_decoder_tile_size`)).toBe("64");
    expect(await page.inputValue(`#${TVAE}_encoder_tile_size`)).toBe("512");
    await setNumber(page, `${TVAE}_decoder_tile_size`, 128);
    await page.click(`#${TVAE}_reset`);
    await expect.poll(() => page.inputValue(`#${TVAE}_decoder_tile_size`)).toBe("64");
    expect(await page.isChecked(`#${TVAE}_enabled`)).toBe(true);

    const saved = await downloadResult(baseUrl, await generateOne(page));
    const meta = await sharp(saved).metadata();
    expect([meta.width, meta.height]).toEqual([768, 768]);
    expect(readPngText(saved).parameters).toBe(plain);
    // It really decoded in tiles: no "ran untiled" fall-back warning under the result.
    expect(await page.locator("#txt2img_warnings").count()).toBe(0);
    await page.close();
  });
});
