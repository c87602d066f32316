// img2img's ↙️ paste button restores the scripts' fields as txt2img's does (both tabs paste on one path,
// app/ui/generation/paste-infotext.ts): an infotext with ADetailer's keys (two units) and Tiled Diffusion's dict,
// typed into img2img's prompt box, ticks both accordions of the img2img tab and sets their fields, besides
// img2img's own controls; the txt2img tab's copies of the scripts stay as they were.
import { describe, expect, inject, it } from "vitest";
import { openApp } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const AD = "#script_img2img_adetailer";
const TD = "#script_img2img_tiled_diffusion";

describe("img2img paste button", () => {
  it("restores ADetailer's and Tiled Diffusion's accordions from the pasted infotext", async () => {
    const page = await openApp(browser(), baseUrl, "#img2img");
    expect(await page.isChecked(`${AD}_enable`)).toBe(false);
    expect(await page.isChecked(`${TD}_enabled`)).toBe(false);
    const dict = "{'Method': 'Mixture of Diffusers', 'Tile tile width': 64, 'Tile tile height': 48, 'Tile Overlap': 16, 'Tile batch size': 2}";
    await page.fill(
      "#img2img_prompt",
      `a lighthouse at dusk\nSteps: 3, Sampler: Euler, Seed: 9, Size: 128x128, Denoising strength: 0.35, ADetailer model: mediapipe_face_short, ADetailer confidence: 0.5, ADetailer dilate erode: 8, ADetailer model 2nd: person_centernet, Tiled Diffusion: "${dict}"`,
    );
    await page.click("#img2img_paste");
    await expect.poll(() => page.isChecked(`${AD}_enable`)).toBe(true);
    expect(await page.inputValue("#img2img_prompt")).toBe("a lighthouse at dusk");
    expect(await page.inputValue("#img2img_denoising_strength")).toBe("0.35");

    await page.click(`${AD}_accordion > summary span`);
    expect(await page.inputValue(`${AD}_tabs_0_ad_model`)).toBe("mediapipe_face_short");
    expect(await page.inputValue(`${AD}_tabs_0_ad_confidence`)).toBe("0.5");
    expect(await page.inputValue(`${AD}_tabs_0_ad_dilate_erode`)).toBe("8");
    expect(await page.locator(`${AD}_tabs [role=tab]`).allTextContents()).toEqual(["1st", "2nd"]);
    await page.click(`${AD}_tabs_1_tab`);
    expect(await page.inputValue(`${AD}_tabs_1_ad_model`)).toBe("person_centernet");
    // The second unit's other fields are ADetailer's defaults, as the infotext leaves them out.
    expect(await page.inputValue(`${AD}_tabs_1_ad_dilate_erode`)).toBe("4");

    expect(await page.isChecked(`${TD}_enabled`)).toBe(true);
    await page.click(`${TD}_accordion > summary span`);
    expect(await page.inputValue(`${TD}_method`)).toBe("Mixture of Diffusers");
    expect([await page.inputValue(`${TD}_tile_width`), await page.inputValue(`${TD}_tile_height`), await page.inputValue(`${TD}_overlap`), await page.inputValue(`${TD}_batch_size`)]).toEqual(["64", "48", "16", "2"]);

    expect(await page.isChecked("#script_txt2img_adetailer_enable")).toBe(false);
    expect(await page.isChecked("#script_txt2img_tiled_diffusion_enabled")).toBe(false);
    await page.close();
  });
});
