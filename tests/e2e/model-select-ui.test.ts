// The quicksettings checkpoint dropdown validates the folder when it is chosen (issue 22 item 2): a copy
// of the fixture model without vae_decoder/ is refused there, with the reason, and the previous model
// stays the one in use.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import { openApp } from "./app-page";
import { sharedBrowser } from "./browser";
import { getJson } from "./sdapi";

const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
const checkpoints = path.join(onyxPaths().models, "Stable-diffusion");
const broken = path.join(checkpoints, "zz-no-vae-decoder");

afterAll(() => fs.rmSync(broken, { recursive: true, force: true }));

describe("choosing a broken model folder", () => {
  it("shows why it cannot be used beside the dropdown and keeps the previous model", async () => {
    fs.cpSync(path.join(checkpoints, "onyx-tiny"), broken, { recursive: true });
    fs.rmSync(path.join(broken, "vae_decoder"), { recursive: true });
    const page = await openApp(browser(), baseUrl);
    const select = page.locator("#setting_sd_model_checkpoint");
    const before = await select.inputValue();
    expect(before).not.toMatch(/^zz-no-vae-decoder/);
    const brokenTitle = await page.locator("#setting_sd_model_checkpoint option", { hasText: "zz-no-vae-decoder" }).getAttribute("value");
    await select.selectOption(brokenTitle!);
    await expect.poll(() => page.textContent("#checkpoint_status")).toBe("cannot use this model: zz-no-vae-decoder: missing vae_decoder/model.onnx");
    expect(await page.getAttribute("#checkpoint_status", "class")).toContain("text-red-400");
    expect(await select.inputValue()).toBe(before);
    const options = await getJson<Record<string, unknown>>("/sdapi/v1/options");
    expect(options.sd_model_checkpoint).toBe(before);
    await page.close();
  });
});
