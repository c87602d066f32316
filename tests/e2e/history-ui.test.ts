// The History tab in a real browser: search finds one image by a prompt word, Send to txt2img puts
// its prompt back, Delete (confirmed) removes the row and the file.
import { describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { generateOne, openApp, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { getJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

async function generate(page: Page, prompt: string): Promise<string> {
  await page.fill("#txt2img_prompt", prompt);
  return generateOne(page);
}

const listedPrompts = (page: Page) => page.locator("#history_grid li").evaluateAll((items) => items.map((li) => li.getAttribute("data-prompt") ?? ""));

/** Waits for the (debounced) search to settle on exactly these prompts, in this order. */
const expectListed = (page: Page, prompts: string[]) => expect.poll(() => listedPrompts(page)).toEqual(prompts);

const api = (query: string) => getJson<{ total: number; items: Array<{ id: number; prompt: string }> }>(`/api/history?${query}`);

describe("History tab", () => {
  it("searches, sends to txt2img and deletes", async () => {
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_width: 64, txt2img_height: 64, txt2img_steps: 4 });
    const zebraPrompt = "a striped zebra grazing";
    const volcanoPrompt = "an erupting volcano at dusk";
    await generate(page, zebraPrompt);
    const volcanoUrl = await generate(page, volcanoPrompt);
    await page.fill("#txt2img_prompt", "");

    await page.click("#tab-history");
    await page.fill("#history_search", "zebra");
    await expectListed(page, [zebraPrompt]);
    expect(await page.locator("#history_total").getAttribute("data-total")).toBe("1");
    const zebraId = await page.locator("#history_grid li").getAttribute("data-history-id");
    expect((await api("q=zebra")).items.map((i) => String(i.id))).toEqual([zebraId]);

    await page.click("#history_grid li button");
    await page.locator("#history_detail").waitFor();
    expect((await page.locator("#history_infotext").textContent())?.split("\n")[0]).toBe(zebraPrompt);
    await page.click("#history_send_txt2img");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#txt2img");
    await expect.poll(() => page.inputValue("#txt2img_prompt")).toBe(zebraPrompt);
    expect(await page.inputValue("#txt2img_width")).toBe("64");
    expect(await page.inputValue("#txt2img_steps")).toBe("4");

    await page.click("#tab-history");
    await page.fill("#history_search", "volcano");
    await expectListed(page, [volcanoPrompt]);
    const volcanoId = await page.locator("#history_grid li").getAttribute("data-history-id");
    await page.click(`#history_grid li[data-history-id="${volcanoId}"] button`);
    await page.click("#history_delete");
    // Nothing is deleted before the confirmation.
    expect((await api("q=volcano")).total).toBe(1);
    await page.click("#history_delete_confirm");
    await expectListed(page, []);
    expect(await page.locator("#history_detail").count()).toBe(0);
    expect((await fetch(`${baseUrl}${volcanoUrl}`)).status).toBe(404);
    expect((await api("q=volcano")).total).toBe(0);

    // The zebra is untouched: clearing the search lists it again, and the volcano stays gone.
    await page.fill("#history_search", "");
    await expect.poll(async () => (await listedPrompts(page)).includes(zebraPrompt)).toBe(true);
    expect(await page.locator(`#history_grid li[data-history-id="${volcanoId}"]`).count()).toBe(0);
    await page.close();
  });

  it("toggles a favourite and filters by it", async () => {
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_width: 64, txt2img_height: 64, txt2img_steps: 4 });
    await generate(page, "a lone quokka smiling");
    await page.click("#tab-history");
    await page.fill("#history_search", "quokka");
    await expectListed(page, ["a lone quokka smiling"]);
    await page.click("#history_grid li button");
    expect(await page.locator("#history_favourite").getAttribute("aria-pressed")).toBe("false");
    await page.click("#history_favourite");
    await expect.poll(() => page.locator("#history_favourite").getAttribute("aria-pressed")).toBe("true");
    const favourites = await api("favourite=true");
    expect(favourites.items.map((i) => i.prompt)).toEqual(["a lone quokka smiling"]);

    await page.fill("#history_search", "");
    await page.check("#history_favourites");
    await expectListed(page, ["a lone quokka smiling"]);
    await page.close();
  });
});
