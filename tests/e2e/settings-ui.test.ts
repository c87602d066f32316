// The Settings tab in a real browser (issue 22 item 10): A1111's sections listed by category with one
// section shown at a time, a search box that finds settings across sections, choice settings as
// dropdowns of the installed values (the img2img upscaler lists the installed ESRGAN model), hints
// for the settings whose 0 means "the model's default", and Apply storing a choice.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { openApp } from "./app-page";
import { sharedBrowser } from "./browser";
import { getJson, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

const visible = (page: Awaited<ReturnType<typeof openApp>>, selector: string) => page.locator(selector).isVisible();

describe("Settings tab", () => {
  it("navigates A1111's sections by category, one section at a time", async () => {
    const page = await openApp(browser(), baseUrl, "#settings");
    expect(await page.locator("#settings_nav p").allTextContents()).toEqual(["Saving images", "Stable Diffusion", "User Interface", "System", "Postprocessing", "Training", "Other", "Uncategorized"]);
    expect(await page.locator("#settings_nav button").count()).toBeGreaterThan(25);
    // Stable Diffusion first, as A1111 opens it.
    await expect.poll(() => visible(page, "#setting_CLIP_stop_at_last_layers")).toBe(true);
    expect(await visible(page, "#setting_jpeg_quality")).toBe(false);
    await page.click("#settings_nav_saving-images");
    await expect.poll(() => visible(page, "#setting_jpeg_quality")).toBe(true);
    expect(await visible(page, "#setting_CLIP_stop_at_last_layers")).toBe(false);
    expect(await page.getAttribute("#settings_nav_saving-images", "aria-current")).toBe("page");
    // An extension's settings (ADetailer's, registered through the SDK) have their own section, after A1111's.
    expect(await page.textContent("#settings_nav_adetailer")).toBe("ADetailer");
    await page.click("#settings_nav_adetailer");
    await expect.poll(() => visible(page, "#setting_ad_max_models")).toBe(true);
    expect(await visible(page, "#setting_ad_save_images_before")).toBe(true);
    fs.mkdirSync(path.join(runDir, "screenshots"), { recursive: true });
    await page.screenshot({ path: path.join(runDir, "screenshots", "settings.png"), fullPage: true });
    await page.close();
  });

  it("finds settings across sections with the search box and shows their hints", async () => {
    const page = await openApp(browser(), baseUrl, "#settings");
    await page.fill("#settings_search", "sigma");
    await expect.poll(() => visible(page, "#setting_sigma_min")).toBe(true);
    expect(await visible(page, "#setting_s_churn")).toBe(true);
    expect(await visible(page, "#setting_CLIP_stop_at_last_layers")).toBe(false);
    // The 0-means-default hints sit under their controls.
    expect(await page.textContent("#setting_sigma_min_info")).toMatch(/^0 = the model's default/);
    expect(await page.textContent("#setting_sigma_max_info")).toMatch(/^0 = the model's default/);
    await page.fill("#settings_search", "schedule rho");
    await expect.poll(() => visible(page, "#setting_rho")).toBe(true);
    expect(await page.textContent("#setting_rho_info")).toMatch(/^0 = the schedule's default \(7 for Karras/);
    await page.fill("#settings_search", "no such setting anywhere");
    await expect.poll(() => page.getByText("No setting matches").count()).toBe(1);
    await page.close();
  });

  it("offers the installed upscalers for Upscaler for img2img as a dropdown, and Apply stores the choice", async () => {
    const page = await openApp(browser(), baseUrl, "#settings");
    await page.fill("#settings_search", "upscaler for img2img");
    const select = page.locator("select#setting_upscaler_for_img2img");
    await expect.poll(() => select.isVisible()).toBe(true);
    const choices = await select.locator("option").allTextContents();
    expect(choices).toEqual(expect.arrayContaining(["None", "Lanczos", "Nearest", "onyx-esrgan-4x"]));
    await select.selectOption("onyx-esrgan-4x");
    await page.click("#settings_submit");
    await expect.poll(() => page.textContent("#settings_result")).toBe("1 settings changed: upscaler_for_img2img.");
    expect((await getJson<Record<string, unknown>>("/sdapi/v1/options")).upscaler_for_img2img).toBe("onyx-esrgan-4x");
    // A fixed choice (the RNG source) is a dropdown of its values with the GPU/NV explanation.
    await page.fill("#settings_search", "random number generator");
    await expect.poll(() => page.locator("select#setting_randn_source option").allTextContents()).toEqual(["GPU", "CPU", "NV"]);
    expect(await page.textContent("#setting_randn_source_info")).toMatch(/NV = A1111's own CPU copy/);
    await postJson("/sdapi/v1/options", { upscaler_for_img2img: null });
    await page.close();
  });
});
