// The X/Y/Z plot from the txt2img tab of a real browser (issue 5): Script → "X/Y/Z plot", X = Steps
// 2,3,4, Y = Sampler Euler, DDIM, at 64×64. The first gallery image is the annotated 3×2 grid saved as
// `txt2img-grids/<date>/xyz_grid-NNNN-<seed>.png`, with both axes in its infotext and ink in its
// label bands (docs/a1111/xyz-plot.md#grid-and-legend, docs/a1111/xyz-plot.md#annotation-drawing: left pad ¾ of a cell width, a header band on top).
import { describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { readPngText } from "@/lib/images/png-text";
import { downloadResult, generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

const CELL = 64;
const SEED = 4242;
const XYZ = "#script_txt2img_xyz_plot";

/**
 * Ink in a region: pixels clearly darker than the white background. At 64-pixel cells the label font
 * is a few pixels tall and antialiased, so its strokes come out grey (luma ≈ 100), not black.
 */
async function darkPixels(png: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const { data, info } = await sharp(png).extract(region).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (let i = 0; i < info.width * info.height; i++) {
    const luma = 0.299 * data[3 * i] + 0.587 * data[3 * i + 1] + 0.114 * data[3 * i + 2];
    if (luma < 200) dark++;
  }
  return dark;
}

const selectedOptions = (page: import("playwright-core").Page, selector: string) =>
  page.$eval(selector, (el: HTMLSelectElement) => [...el.selectedOptions].map((o) => o.value));

describe("X/Y/Z plot in the txt2img tab", () => {
  it("offers the script's controls: Script None by default, axis choices, 📒 and Swap", async () => {
    const page = await openApp(browser(), baseUrl);
    expect(await page.inputValue("#txt2img_script")).toBe("None");
    expect(await page.locator(`${XYZ}_x_type`).count()).toBe(0);
    await page.selectOption("#txt2img_script", "X/Y/Z plot");
    // A1111's defaults (docs/a1111/xyz-plot.md#controls): X type Seed, Y and Z Nothing; Steps-like axes have no multi-select.
    expect(await page.inputValue(`${XYZ}_x_type`)).toBe("Seed");
    expect(await page.inputValue(`${XYZ}_y_type`)).toBe("Nothing");
    expect(await page.locator(`${XYZ}_x_values_dropdown`).count()).toBe(0);
    const xTypes = await page.$$eval(`${XYZ}_x_type option`, (options) => options.map((o) => o.textContent));
    expect(xTypes.slice(0, 5)).toEqual(["Nothing", "Seed", "Var. seed", "Var. strength", "Steps"]);
    expect(xTypes).toContain("Hires steps"); // txt2img-only axis

    await page.selectOption(`${XYZ}_y_type`, "Sampler");
    await page.click(`${XYZ}_y_fill`);
    const samplers = await page.$$eval(`${XYZ}_y_values_dropdown option`, (options) => options.map((o) => o.textContent ?? ""));
    expect(samplers).toEqual(expect.arrayContaining(["Euler", "DDIM"]));
    expect(await page.inputValue(`${XYZ}_y_values`)).toBe(samplers.join(", "));
    expect(await selectedOptions(page, `${XYZ}_y_values_dropdown`)).toEqual(samplers);

    await page.fill(`${XYZ}_x_values`, "1-2");
    await page.click(`${XYZ}_swap_xy`);
    expect(await page.inputValue(`${XYZ}_x_type`)).toBe("Sampler");
    expect(await page.inputValue(`${XYZ}_y_type`)).toBe("Seed");
    expect(await page.inputValue(`${XYZ}_y_values`)).toBe("1-2");
    expect(await page.locator(`${XYZ}_x_values_dropdown`).count()).toBe(1);
    await page.close();
  });

  it("generates a 3×2 Steps × Sampler grid, shown first, saved as xyz_grid with both axes in its infotext", async () => {
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_width: CELL, txt2img_height: CELL, txt2img_seed: SEED });
    await page.selectOption("#txt2img_script", "X/Y/Z plot");
    await page.selectOption(`${XYZ}_x_type`, "Steps");
    await page.fill(`${XYZ}_x_values`, "2,3,4");
    await page.selectOption(`${XYZ}_y_type`, "Sampler");
    await page.fill(`${XYZ}_y_values`, "Euler, DDIM");
    // The typed text selects the same choices in the multi-select.
    expect(await selectedOptions(page, `${XYZ}_y_values_dropdown`)).toEqual(["Euler", "DDIM"]);

    const url = await generateOne(page);
    expect(url).toMatch(new RegExp(`^/files/txt2img-grids/\\d{4}-\\d{2}-\\d{2}/xyz_grid-\\d{4}-${SEED}\\.png$`));

    // Natural size: 3 cells + a ¾-cell row-label pad wide; 2 cells + a header band (under one more cell) tall.
    const shown = page.locator("#txt2img_gallery_selected img");
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(3 * CELL + (3 * CELL) / 4);
    const height = await shown.evaluate((img: HTMLImageElement) => img.naturalHeight);
    expect(height).toBeGreaterThan(2 * CELL);
    expect(height).toBeLessThan(3 * CELL);

    const infotext = await page.locator("#txt2img_infotext").innerText();
    expect(infotext).toContain("X Type: Steps");
    expect(infotext).toContain("Y Type: Sampler");

    const png = await downloadResult(baseUrl, url);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([240, height]);
    const saved = readPngText(png).parameters;
    expect(saved).toContain('X Type: Steps, X Values: "2,3,4"');
    expect(saved).toContain('Y Type: Sampler, Y Values: "Euler, DDIM"');

    // Label bands carry ink: the header above the first column ("Steps: 2"), the pad beside the first row ("Euler").
    const padLeft = (3 * CELL) / 4;
    const padTop = height - 2 * CELL;
    expect(await darkPixels(png, { left: padLeft, top: 0, width: CELL, height: padTop })).toBeGreaterThan(20);
    expect(await darkPixels(png, { left: 0, top: padTop, width: padLeft, height: CELL })).toBeGreaterThan(20);
    // … and the top-left corner, above the row labels and left of the column labels, stays blank.
    expect(await darkPixels(png, { left: 0, top: 0, width: padLeft, height: padTop })).toBe(0);
    await page.close();
  });

  it("sends always-on scripts' accordion values: the example Hello extension, enabled, writes its greeting", async () => {
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_width: CELL, txt2img_height: CELL, txt2img_steps: 2 });
    expect(await page.isChecked("#script_txt2img_hello_enabled")).toBe(false); // installed is not active
    await page.check("#script_txt2img_hello_enabled");
    await page.click("#script_txt2img_hello_accordion > summary span");
    await page.fill("#script_txt2img_hello_greeting", "hi from the UI");
    const png = await downloadResult(baseUrl, await generateOne(page));
    expect(readPngText(png).parameters).toContain("Hello: hi from the UI");
    await page.close();
  });
});
