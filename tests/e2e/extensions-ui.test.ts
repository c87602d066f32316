// The Extensions tab under `next start`: the repo's example (a .ts entry, loaded through tsx) shows
// as loaded, a deliberately broken one (a .mjs entry that throws) as failed with its error, the rest
// of the app keeps working, and disabling / re-enabling persists across a page reload.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { BROKEN_EXTENSION_ERROR } from "../setup/server";
import { openApp } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const runDir = inject("runDir");
const browser = sharedBrowser();

const row = (id: string) => `#extensions_table tr[data-extension-id="${id}"]`;
const statusOf = (page: Page, id: string) => page.locator(`${row(id)} [data-status]`).getAttribute("data-status");
const storedDisabled = () => JSON.parse(fs.readFileSync(path.join(runDir, "data", "config.json"), "utf8")).disabled_extensions as string[];

async function openExtensionsTab(): Promise<Page> {
  const page = await openApp(browser(), baseUrl);
  await page.click("#tab-extensions");
  await page.locator("#extensions_table").waitFor();
  return page;
}

async function applyAndWait(page: Page) {
  await page.click("#extensions_apply");
  await expect.poll(() => page.locator("#extensions_result").textContent()).toMatch(/Extensions reloaded; their scripts change with the next generation\.$/);
}

describe("Extensions tab", () => {
  it("lists the example as loaded and the broken extension as failed, and the app keeps working", async () => {
    const page = await openExtensionsTab();
    // Named for what it does: the extensions reload, the UI does not restart (A1111's label would promise that).
    expect(await page.locator("#extensions_apply").textContent()).toBe("Apply and reload extensions");
    const ids = await page.locator("#extensions_table tr[data-extension-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-extension-id")));
    expect(ids).toEqual(["adetailer", "example-hello", "sdk-probe", "tiled-diffusion", "tiled-vae", "ultimate-sd-upscale", "zz-broken"]);
    expect(await statusOf(page, "tiled-diffusion")).toBe("loaded");
    expect(await statusOf(page, "ultimate-sd-upscale")).toBe("loaded");
    expect(await statusOf(page, "example-hello")).toBe("loaded");
    expect(await page.locator(row("example-hello")).textContent()).toContain("Hello (always on; txt2img, img2img)");
    expect(await page.locator(`${row("example-hello")} [data-extension-error]`).count()).toBe(0);
    expect(await statusOf(page, "zz-broken")).toBe("failed");
    expect(await page.locator(`${row("zz-broken")} [data-extension-error]`).textContent()).toBe(BROKEN_EXTENSION_ERROR);

    const samplers = await fetch(`${baseUrl}/sdapi/v1/samplers`);
    expect(samplers.status).toBe(200);
    expect(((await samplers.json()) as Array<{ name: string }>).map((s) => s.name)).toContain("Euler a");
    await page.click("#tab-txt2img");
    expect(await page.locator("#panel-txt2img").isVisible()).toBe(true);
    expect(await page.locator("#txt2img_generate").isVisible()).toBe(true);
    await page.close();
  });

  it("disables the example, keeps it disabled across a reload, and re-enables it", async () => {
    const page = await openExtensionsTab();
    await page.uncheck("#extension_enabled_example-hello");
    // Nothing is stored before Apply.
    expect(fs.existsSync(path.join(runDir, "data", "config.json")) ? storedDisabled() : []).toEqual([]);
    await applyAndWait(page);
    expect(await page.locator("#extensions_result").textContent()).toMatch(/^Changed: example-hello\./);
    expect(await statusOf(page, "example-hello")).toBe("disabled");
    expect(storedDisabled()).toEqual(["example-hello"]);
    // The broken one stays enabled (and failed): the choice is per extension.
    expect(await statusOf(page, "zz-broken")).toBe("failed");
    await page.close();

    const reloaded = await openExtensionsTab();
    expect(await statusOf(reloaded, "example-hello")).toBe("disabled");
    expect(await reloaded.isChecked("#extension_enabled_example-hello")).toBe(false);
    await reloaded.check("#extension_enabled_example-hello");
    await applyAndWait(reloaded);
    expect(await statusOf(reloaded, "example-hello")).toBe("loaded");
    expect(storedDisabled()).toEqual([]);
    await reloaded.close();
  });
});
