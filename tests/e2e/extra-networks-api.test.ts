// Extra networks through the HTTP API on the real server: LoRA tags change the image and write Lora hashes, an
// unknown LoRA answers 200 with A1111's "Networks not found" warning, styles in the request wrap the prompt, a VAE
// chosen by override_settings is named in the infotext, and the listing routes show the fixtures.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { FIXTURE_LORAS, FIXTURE_VAE } from "@/lib/networks/fixtures";
import { stylesCsv } from "@/lib/styles/styles-file";
import { generate, getJson, pngPixels, postJson } from "./sdapi";

const runDir = inject("runDir");

async function txt2img(body: Record<string, unknown>) {
  const { images, info } = await generate("txt2img", { steps: 3, width: 64, height: 64, seed: 21, save_images: false, ...body });
  return { image: images[0], info };
}

describe("extra networks over HTTP", () => {
  it("<lora:…> changes the image and writes Lora hashes; weight 0 does not change it", async () => {
    const plain = await txt2img({ prompt: "a tower" });
    const zero = await txt2img({ prompt: `a tower <lora:${FIXTURE_LORAS.all}:0>` });
    const lora = await txt2img({ prompt: `a tower <lora:${FIXTURE_LORAS.all}:0.9>` });
    expect((await pngPixels(zero.image)).equals(await pngPixels(plain.image))).toBe(true);
    expect((await pngPixels(lora.image)).equals(await pngPixels(plain.image))).toBe(false);
    expect(lora.info.infotexts[0]).toMatch(new RegExp(`Lora hashes: "${FIXTURE_LORAS.all}: [0-9a-f]{12}"`));
    expect(plain.info.infotexts[0]).not.toContain("Lora hashes");
  });

  it("an unknown LoRA answers 200 with the Networks not found warning", async () => {
    const { info } = await txt2img({ prompt: "a tower <lora:no_such_lora:1>" });
    expect(info.warnings).toContain("Networks not found: no_such_lora");
  });

  it("styles from styles.csv wrap the prompt in the order given", async () => {
    fs.writeFileSync(path.join(runDir, "data", "styles.csv"), stylesCsv([{ name: "frame", prompt: "a painting of {prompt}", negativePrompt: "" }, { name: "dark", prompt: "night", negativePrompt: "day" }]));
    expect(await getJson("/sdapi/v1/prompt-styles")).toEqual([
      { name: "frame", prompt: "a painting of {prompt}", negative_prompt: "" },
      { name: "dark", prompt: "night", negative_prompt: "day" },
    ]);
    const { info } = await txt2img({ prompt: "a tower", negative_prompt: "fog", styles: ["frame", "dark"] });
    expect(info.all_prompts).toEqual(["a painting of a tower, night"]);
    expect(info.infotexts[0].startsWith("a painting of a tower, night\nNegative prompt: fog, day\n")).toBe(true);
    expect(info.styles).toEqual(["frame", "dark"]);
  });

  it("a VAE chosen by override_settings decodes and is named in the infotext", async () => {
    const own = await txt2img({ prompt: "a tower", override_settings: { sd_vae: "None" } });
    const chosen = await txt2img({ prompt: "a tower", override_settings: { sd_vae: FIXTURE_VAE } });
    expect((await pngPixels(chosen.image)).equals(await pngPixels(own.image))).toBe(false);
    expect(chosen.info.infotexts[0]).toMatch(new RegExp(`VAE hash: [0-9a-f]{10}, VAE: ${FIXTURE_VAE}`));
    expect(chosen.info.sd_vae_name).toBe(FIXTURE_VAE);
  });

  it("lists the fixture LoRAs and VAEs", async () => {
    const loras = (await getJson("/sdapi/v1/loras")) as Array<{ name: string; alias: string; path: string; metadata: Record<string, string> }>;
    expect(loras.map((l) => l.name)).toEqual(expect.arrayContaining([FIXTURE_LORAS.all, FIXTURE_LORAS.attention]));
    expect(loras.find((l) => l.name === FIXTURE_LORAS.all)).toMatchObject({ alias: "onyx detail", metadata: { ss_network_dim: "4" } });
    expect(await (await postJson("/sdapi/v1/refresh-loras", {})).json()).toBeNull();
    const vaes = (await getJson("/sdapi/v1/sd-vae")) as Array<{ model_name: string; filename: string }>;
    expect(vaes.map((v) => v.model_name)).toContain(FIXTURE_VAE);
  });
});
