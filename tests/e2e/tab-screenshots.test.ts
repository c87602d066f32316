// A screenshot of every tab at 1440×900, as a first-time user sees it, written to test-screenshots/
// (gitignored) for a person to look at; the test checks that each tab's panel is the one shown.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { TABS } from "@/app/ui/tabs";
import { sharedBrowser } from "./browser";
import { getJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const FOLDER = path.resolve("test-screenshots");

describe("tab screenshots", () => {
  it("writes one full-page screenshot per tab", async () => {
    fs.mkdirSync(FOLDER, { recursive: true });
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => Object.keys(document.querySelector("#tab-txt2img") ?? {}).some((k) => k.startsWith("__reactFiber")));
    for (const [i, tab] of TABS.entries()) {
      await page.click(`#tab-${tab.id}`);
      await expect.poll(() => page.locator(`#panel-${tab.id}`).isVisible()).toBe(true);
      expect(await page.locator('section[role="tabpanel"]:not([hidden])').getAttribute("id")).toBe(`panel-${tab.id}`);
      await page.waitForLoadState("networkidle");
      // History loads its list after it is shown: wait until it lists what the server holds.
      if (tab.id === "history") {
        const { total } = await getJson<{ total: number }>("/api/history?limit=1");
        await expect.poll(() => page.locator("#history_total").getAttribute("data-total"), { timeout: 15_000 }).toBe(String(total));
        await page.waitForLoadState("networkidle");
      }
      // Extensions lists the installed extensions once its first request answers.
      if (tab.id === "extensions") await expect.poll(() => page.getByText("Loading extensions…").count(), { timeout: 15_000 }).toBe(0);
      const file = path.join(FOLDER, `${i + 1}-${tab.id}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    }
    await page.close();
  });
});
