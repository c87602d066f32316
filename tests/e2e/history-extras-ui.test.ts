// History records an Extras result with its source's parameters and its own extras text (issue 22
// item 9): the upscaled image shows its prompt, is found by a prompt word, and its extras text is shown.
import { describe, expect, inject, it } from "vitest";
import { downloadResult, generateOne, openApp, setNumber, setNumbers } from "./app-page";
import { sharedBrowser } from "./browser";
import { getJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

describe("an Extras result in History", () => {
  it("lists the upscaled image under its source's prompt, with the extras text in its details", async () => {
    const page = await openApp(browser(), baseUrl);
    await setNumbers(page, { txt2img_width: 64, txt2img_height: 64, txt2img_steps: 2 });
    const prompt = "a narwhal beside an iceberg";
    await page.fill("#txt2img_prompt", prompt);
    const source = await downloadResult(baseUrl, await generateOne(page));

    await page.click("#tab-extras");
    await page.setInputFiles("#extras_image", { name: "narwhal.png", mimeType: "image/png", buffer: source });
    await page.locator("#extras_image_preview").waitFor();
    await page.selectOption("#extras_upscaler_1", "Lanczos");
    await setNumber(page, "extras_upscaling_resize", 2);
    await generateOne(page, "extras");

    await page.click("#tab-history");
    await page.fill("#history_search", "narwhal");
    await expect.poll(() => page.locator("#history_grid li").evaluateAll((items) => items.map((li) => li.getAttribute("data-prompt")))).toEqual([prompt, prompt]);
    // Newest first: the upscaled one.
    await page.click("#history_grid li:first-child button");
    await page.locator("#history_detail").waitFor();
    expect(await page.locator("#history_detail").textContent()).toContain("128×128");
    expect((await page.locator("#history_infotext").textContent())?.split("\n")[0]).toBe(prompt);
    expect(await page.locator("#history_extras").textContent()).toBe("Postprocess upscale by: 2, Postprocess upscaler: Lanczos");
    const found = await getJson<{ items: Array<{ prompt: string; width: number }> }>("/api/history?q=narwhal&kind=extras");
    expect(found.items.map((i) => [i.prompt, i.width])).toEqual([[prompt, 128]]);
    await page.close();
  });
});
