// ADetailer in a real browser (docs/adetailer.md): img2img with the astronaut photograph, the accordion on with
// mediapipe_face_short and Skip img2img → Generate gives the photograph with its face redrawn; PNG Info shows the
// ADetailer fields of the saved image, and Send to img2img restores the accordion from them.
import fs from "node:fs";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import { readPngText } from "@/lib/images/png-text";
import { photoPath } from "../photos";
import { downloadResult, generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const AD = "script_img2img_adetailer";

const rgb = async (png: Buffer) => (await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data;

describe("ADetailer accordion", () => {
  it("fixes the astronaut's face with Skip img2img; PNG Info shows its fields; Send to img2img restores the accordion", { timeout: 300_000 }, async () => {
    const photo = fs.readFileSync(photoPath("astronaut.png"));
    const page = await openApp(browser(), baseUrl, "#img2img");
    await page.setInputFiles("#img2img_image", { name: "astronaut.png", mimeType: "image/png", buffer: photo });
    await page.locator("#img2img_image_preview").waitFor();
    await expect.poll(() => page.inputValue("#img2img_width")).toBe("512");
    await page.fill("#img2img_prompt", "a portrait of an astronaut");
    await setNumbers(page, { img2img_steps: 3, img2img_seed: 77 });

    await page.check(`#${AD}_enable`);
    await page.click(`#${AD}_accordion > summary span`);
    await page.check(`#${AD}_skip_img2img`);
    // The detector dropdown lists the installed detectors after None.
    const options = await page.locator(`#${AD}_tabs_0_ad_model option`).allTextContents();
    expect(options.slice(0, 4)).toEqual(["None", "mediapipe_face_full", "mediapipe_face_short", "person_centernet"]);
    await page.selectOption(`#${AD}_tabs_0_ad_model`, "mediapipe_face_short");

    const saved = await downloadResult(baseUrl, await generateOne(page, "img2img", 240_000));
    const meta = await sharp(saved).metadata();
    expect([meta.width, meta.height]).toEqual([512, 512]);
    const [out, input] = [await rgb(saved), await rgb(photo)];
    const changed = (y1: number, y2: number, x1 = 0, x2 = 512) => {
      let n = 0;
      for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) if (out[(y * 512 + x) * 3] !== input[(y * 512 + x) * 3]) n++;
      return n;
    };
    expect(changed(95, 160, 190, 260)).toBeGreaterThan(500); // the face
    expect(changed(300, 512)).toBe(0); // far below it
    const infotext = readPngText(saved).parameters;
    expect(infotext).toContain("ADetailer model: mediapipe_face_short, ADetailer confidence: 0.3");
    await page.close();

    // A fresh page: the accordion starts off; PNG Info reads the saved image.
    const info = await openApp(browser(), baseUrl, "#pnginfo");
    expect(await info.isChecked(`#${AD}_enable`)).toBe(false);
    expect(await info.inputValue(`#${AD}_tabs_0_ad_model`)).toBe("None");
    await info.setInputFiles("#pnginfo_image", { name: "fixed.png", mimeType: "image/png", buffer: saved });
    await info.locator("#pnginfo_text").waitFor();
    expect(await info.locator('#pnginfo_fields tr[data-key="ADetailer model"] td').textContent()).toBe("mediapipe_face_short");
    expect(await info.locator('#pnginfo_fields tr[data-key="ADetailer denoising strength"] td').textContent()).toBe("0.4");
    expect(await info.locator('#pnginfo_fields tr[data-key="ADetailer version"] td').textContent()).toBe("25.3.0");

    await info.click("#pnginfo_send_img2img");
    await expect.poll(() => info.evaluate(() => location.hash)).toBe("#img2img");
    await expect.poll(() => info.isChecked(`#${AD}_enable`)).toBe(true);
    expect(await info.inputValue(`#${AD}_tabs_0_ad_model`)).toBe("mediapipe_face_short");
    expect(await info.inputValue(`#${AD}_tabs_0_ad_dilate_erode`)).toBe("4");
    expect(await info.inputValue("#img2img_prompt")).toBe("a portrait of an astronaut");
    await info.close();
  });
});
