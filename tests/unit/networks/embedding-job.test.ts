// Textual inversion in txt2img jobs on onyx-tiny (docs/textual-inversion.md): the fixture embedding changes the
// picture and writes `TI hashes` (after `Lora hashes`); with a LoRA on the text encoder both apply (the token-embeddings
// copy is derived from the LoRA-patched graph); clip skip 2 works with it; a prompt without one is unchanged.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { FIXTURE_EMBEDDING } from "@/lib/networks/embedding-fixtures";
import { FIXTURE_LORAS } from "@/lib/networks/fixtures";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";

useTempJobFolders("embedding-job");

const job = (prompt: string, overrides: Record<string, unknown> = {}) =>
  runTxt2img(generationParamsSchema.parse({ prompt, steps: 4, width: 64, height: 64, seed: 11, saveImages: false, overrideSettings: { sd_model_checkpoint: "onyx-tiny", ...overrides } }), new JobProgress(prompt));
const raw = (png: Buffer) => sharp(png).removeAlpha().raw().toBuffer();
const sha12 = () => crypto.createHash("sha256").update(fs.readFileSync(path.join(onyxPaths().embeddings, `${FIXTURE_EMBEDDING}.safetensors`))).digest("hex").slice(0, 12);

describe("textual inversion in a job", () => {
  it("the embedding changes the image and writes TI hashes; with a text-encoder LoRA both apply", async () => {
    const plain = await job("a castle");
    const embedded = await job(`a castle ${FIXTURE_EMBEDDING}`);
    const lora = await job(`a castle ${FIXTURE_EMBEDDING} <lora:${FIXTURE_LORAS.all}:1:0>`);
    const loraAlone = await job(`a castle <lora:${FIXTURE_LORAS.all}:1:0>`);
    const [p, e, l, la] = await Promise.all([plain, embedded, lora, loraAlone].map((r) => raw(r.images[0].png)));
    expect(e.equals(p)).toBe(false);
    expect(l.equals(e)).toBe(false);
    expect(l.equals(la)).toBe(false);
    const fields = parseGenerationParameters(lora.images[0].infotext);
    expect(fields["TI hashes"]).toBe(`${FIXTURE_EMBEDDING}: ${sha12()}`);
    const keys = Object.keys(fields);
    expect(keys.indexOf("Lora hashes")).toBeLessThan(keys.indexOf("TI hashes"));
    expect(parseGenerationParameters(plain.images[0].infotext)["TI hashes"]).toBeUndefined();
    expect((await raw((await job("a castle")).images[0].png)).equals(p)).toBe(true);
  });

  it("works with clip skip 2, and the setting turns the infotext field off", async () => {
    const skipped = await job(`a castle ${FIXTURE_EMBEDDING}`, { CLIP_stop_at_last_layers: 2, textual_inversion_add_hashes_to_infotext: false });
    const skippedPlain = await job("a castle", { CLIP_stop_at_last_layers: 2 });
    expect((await raw(skipped.images[0].png)).equals(await raw(skippedPlain.images[0].png))).toBe(false);
    expect(skipped.images[0].infotext).not.toContain("TI hashes");
  });
});
