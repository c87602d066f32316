// Pasting an infotext with LoRA tags (docs/lora.md#pasting-an-infotext): the tags come back in the prompt box as
// written and `Lora hashes` shows no override chip; A1111's Lora callbacks rename a tag whose hash is a LoRA
// installed here to that LoRA's prompt name and turn Additional Networks fields into tags.
import { describe, expect, it } from "vitest";
import { applyInfotext } from "@/app/ui/txt2img/apply-infotext";
import { defaultTxt2imgForm } from "@/app/ui/txt2img/txt2img-form";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { findLora, listLoras, loraSha256, type LoraFile } from "@/lib/models/loras";
import { FIXTURE_LORAS } from "@/lib/networks/fixtures";
import { pastedLoraParams } from "@/lib/networks/lora-paste";
import { defaultOptions } from "@/lib/settings/options";

const HASH = "0123456789abcdef";
const lora = (name: string, alias: string, metadata: Record<string, string> = {}): LoraFile => ({ name, alias, path: `/nowhere/${name}.safetensors`, metadata });
const INFOTEXT = 'a castle <lora:old name:0.8>, <lora:other:0.5>\nNegative prompt: fog\nSteps: 4, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 64x64, Lora hashes: "old name: 0123456789ab, other: ffffffffffff", Version: v1.10.1';

describe("pasting LoRA tags", () => {
  it("restores the tags in the prompt box and shows no chip for Lora hashes", () => {
    const form = applyInfotext(defaultTxt2imgForm(["Euler"], ["Automatic"]), parseGenerationParameters(INFOTEXT), defaultOptions());
    expect(form.prompt).toBe("a castle <lora:old name:0.8>, <lora:other:0.5>");
    expect(form.overrideSettings).toEqual({});
  });

  it("renames a tag whose short hash is an installed LoRA to its alias (or its file name), keeps the others", () => {
    const params = parseGenerationParameters(INFOTEXT);
    const installed = [lora("detail-v2", "detail", { sshs_model_hash: HASH })];
    expect(pastedLoraParams(params, installed, false)).toEqual({ ...params, Prompt: "a castle <lora:detail:0.8>, <lora:other:0.5>" });
    expect(pastedLoraParams(params, installed, true).Prompt).toBe("a castle <lora:detail-v2:0.8>, <lora:other:0.5>");
    // An alias another LoRA also has is forbidden: the file name is used.
    expect(pastedLoraParams(params, [...installed, lora("detail", "detail")], false).Prompt).toBe("a castle <lora:detail-v2:0.8>, <lora:other:0.5>");
    // No hash known for it, no Lora hashes, or a malformed entry: the prompt stays.
    expect(pastedLoraParams(params, [lora("detail-v2", "detail")], false).Prompt).toBe(params.Prompt);
    expect(pastedLoraParams({ ...params, "Lora hashes": "" }, installed, false).Prompt).toBe(params.Prompt);
    expect(pastedLoraParams({ ...params, "Lora hashes": "old name: 0123456789ab, junk" }, installed, false).Prompt).toBe(params.Prompt);
  });

  it("knows the hash of a fixture LoRA once this process hashed it", () => {
    const file = findLora(FIXTURE_LORAS.all)!;
    const params = { Prompt: "x <lora:renamed:1>", "Lora hashes": `renamed: ${loraSha256(file.path).slice(0, 12)}` };
    expect(pastedLoraParams(params, listLoras(), false).Prompt).toBe(`x <lora:${file.alias}:1>`);
  });

  it("turns the Additional Networks extension's LoRA fields into tags on a new line", () => {
    const params = { Prompt: "a", "AddNet Enabled": "True", "AddNet Module 1": "LoRA", "AddNet Model 1": "style(abc123)", "AddNet Weight A 1": "0.6", "AddNet Module 2": "LoRA", "AddNet Model 2": "plain", "AddNet Module 3": "LyCORIS", "AddNet Model 3": "skip" };
    expect(pastedLoraParams(params, [], false).Prompt).toBe("a\n<lora:style:0.6><lora:plain:1.0>");
  });
});
