// A1111's ↙️ paste button in a real browser: infotext typed into the prompt box fills the form, its
// setting keys become removable override chips that reach the job; with an empty prompt box it
// pastes the last generation's infotext.
import { describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { generateOne, openApp } from "./app-page";
import { sharedBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();

describe("txt2img paste button", () => {
  it("applies infotext from the prompt box, with override settings as chips that reach the job", async () => {
    const page = await openApp(browser(), baseUrl);
    await page.fill("#txt2img_prompt", "a quiet harbor\nNegative prompt: fog\nSteps: 3, Sampler: Euler a, CFG scale: 4, Seed: 55, Size: 64x64, Model hash: 0000000000, Clip skip: 2, ENSD: 31337");
    await page.click("#txt2img_paste");
    await expect.poll(() => page.inputValue("#txt2img_prompt")).toBe("a quiet harbor");
    expect(await page.inputValue("#txt2img_neg_prompt")).toBe("fog");
    expect(await page.inputValue("#txt2img_steps")).toBe("3");
    expect(await page.inputValue("#txt2img_sampling")).toBe("Euler a");
    expect(await page.inputValue("#txt2img_cfg_scale")).toBe("4");
    expect(await page.inputValue("#txt2img_seed")).toBe("55");
    expect(await page.inputValue("#txt2img_width")).toBe("64");

    const chips = page.locator("#txt2img_override_settings li");
    expect(await chips.evaluateAll((items) => items.map((li) => [li.getAttribute("data-setting"), li.querySelector("span")?.textContent]))).toEqual([
      ["CLIP_stop_at_last_layers", "Clip skip: 2"],
      ["eta_noise_seed_delta", "ENSD: 31337"],
    ]);
    await page.click('#txt2img_override_settings li[data-setting="eta_noise_seed_delta"] button');
    await expect.poll(() => chips.count()).toBe(1);

    await generateOne(page);
    const infotext = await page.locator("#txt2img_infotext").innerText();
    expect(infotext).toContain("Clip skip: 2");
    expect(infotext).not.toContain("ENSD");
    expect(infotext).toContain("Seed: 55");

    // Empty prompt box: ↙️ reads the last generation (A1111's params.txt).
    await page.fill("#txt2img_prompt", "");
    await page.fill("#txt2img_steps", "20");
    await page.locator("#txt2img_steps").blur();
    await page.click("#txt2img_paste");
    await expect.poll(() => page.inputValue("#txt2img_prompt")).toBe("a quiet harbor");
    expect(await page.inputValue("#txt2img_steps")).toBe("3");
    await page.close();
  });

  it("refuses to paste an infotext over the size limit, saying so, and leaves the form alone", async () => {
    const page = await openApp(browser(), baseUrl);
    const huge = `${"x".repeat(MAX_INFOTEXT_LENGTH)}\nSteps: 7, Sampler: Euler, Seed: 9`;
    await page.fill("#txt2img_steps", "5");
    await page.locator("#txt2img_steps").blur();
    await page.fill("#txt2img_prompt", huge);
    await page.click("#txt2img_paste");
    await expect.poll(() => page.locator("#txt2img_paste_error").textContent()).toBe(
      `The text to paste is ${huge.length} characters long; infotexts of at most ${MAX_INFOTEXT_LENGTH} characters are read`,
    );
    expect(await page.inputValue("#txt2img_steps")).toBe("5");
    expect((await page.inputValue("#txt2img_prompt")).length).toBe(huge.length);
    // Within the limit the paste works again and the message goes.
    await page.fill("#txt2img_prompt", "short\nSteps: 7, Sampler: Euler, Seed: 9");
    await page.click("#txt2img_paste");
    await expect.poll(() => page.inputValue("#txt2img_steps")).toBe("7");
    expect(await page.locator("#txt2img_paste_error").count()).toBe(0);
    await page.close();
  });
});
