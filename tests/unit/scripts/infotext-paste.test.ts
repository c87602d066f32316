// Pasting an infotext restores scripts' controls (docs/extensions.md#pasting-an-infotext): each installed script's
// `pasteInfotext`, or else its parameters' declared `infotext` fields, name the arguments the fields give back,
// checked like API arguments; a script whose paste does not pass the check, or that finds nothing of itself, is
// left out; the form takes the restored names over its values. ADetailer's declaration: its written fields come
// back (defaults for what it pruned) and the accordion is ticked.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatInfotextItem } from "@onyx/sdk";
import { pasteScriptArgs } from "@/app/actions/paste";
import { defaultScriptsForm, withPastedArgs, withScriptValues } from "@/app/ui/scripts/scripts-form";
import { adetailer } from "@/extensions/adetailer/index";
import { adetailerInfotext } from "@/extensions/adetailer/infotext";
import { defaultTab } from "@/extensions/adetailer/tab-fields";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { scriptPastedArgs } from "@/lib/scripts/infotext-paste";
import type { AnyScript, ParamSpec } from "@/lib/scripts/script";
import { tabScripts, type ScriptDescriptor, type TabScripts } from "@/lib/scripts/script-descriptors";
import { useTempJobFolders } from "../temp-job-folders";

/** A script restoring `strength` from its infotext key, and refusing nothing: out-of-range values are the check's to catch. */
const PASTING = `
export const scripts = [{
  title: "Echo strength",
  tabs: ["txt2img"],
  kind: "alwaysOn",
  params: [{ name: "enabled", type: "bool", default: false }, { name: "strength", type: "number", default: 0.5, min: 0, max: 1 }, { name: "note", type: "string", default: "kept" }],
  pasteInfotext: (fields) => ("Echo strength" in fields ? { enabled: true, strength: Number(fields["Echo strength"]) } : undefined),
  hooks: {},
}, {
  title: "Hello",
  tabs: ["txt2img"],
  kind: "alwaysOn",
  params: [{ name: "enabled", type: "bool", default: false }, { name: "strength", type: "number", default: 0.5, min: 0, max: 1, infotext: "Hello strength" }],
  hooks: {},
}];
`;

const root = useTempJobFolders("infotext-paste", { EXTENSIONS_DIR: "extensions" });

beforeAll(async () => {
  fs.cpSync(path.resolve("extensions", "tiled-diffusion"), path.join(root(), "extensions", "tiled-diffusion"), { recursive: true });
  const ext = path.join(root(), "extensions", "echo");
  fs.mkdirSync(ext, { recursive: true });
  fs.writeFileSync(path.join(ext, "extension.json"), JSON.stringify({ name: "echo", version: "1.0.0", entry: "index.mjs", sdk: "1.4" }));
  fs.writeFileSync(path.join(ext, "index.mjs"), PASTING);
  expect((await reloadExtensions()).map((e) => e.status)).toEqual(["loaded", "loaded"]);
});

describe("pasting an infotext into the scripts", () => {
  it("each script restores what its fields give back, checked; the form keeps every other value", async () => {
    const fields = { Steps: "20", "Echo strength": "0.25", "Hello strength": "0.75", "Tiled Diffusion": "{'Method': 'Mixture of Diffusers', 'Tile tile width': 64, 'Tile tile height': 64, 'Tile Overlap': 8, 'Tile batch size': 2}" };
    const pasted = await pasteScriptArgs("txt2img", fields);
    expect(pasted).toEqual({
      "echo strength": { enabled: true, strength: 0.25 },
      hello: { enabled: true, strength: 0.75 },
      "tiled diffusion": { enabled: true, method: "Mixture of Diffusers", tile_width: 64, tile_height: 64, overlap: 8, batch_size: 2, enable_bbox_control: false },
    });
    const scripts = await tabScripts("txt2img");
    const before = withScriptValues(defaultScriptsForm(scripts), "tiled diffusion", { ...defaultScriptsForm(scripts).values["tiled diffusion"], upscaler: "Lanczos" });
    const form = withPastedArgs(before, scripts, pasted);
    expect(form.values["echo strength"]).toEqual({ enabled: true, strength: 0.25, note: "kept" });
    expect(form.values["tiled diffusion"]).toMatchObject({ enabled: true, method: "Mixture of Diffusers", tile_width: 64, overlap: 8, upscaler: "Lanczos", noise_inverse: false });
  });

  it("a value the check refuses restores nothing of that script; other tabs' and silent scripts are absent", async () => {
    expect(await pasteScriptArgs("txt2img", { "Echo strength": "7", "Hello strength": "2" })).toEqual({});
    expect(await pasteScriptArgs("img2img", { "Echo strength": "0.25" })).toEqual({});
    expect(await pasteScriptArgs("txt2img", { Steps: "20" })).toEqual({});
  });
});

const descriptor = (script: { id: string; title: string; params: readonly ParamSpec[] }): ScriptDescriptor => ({
  id: script.id,
  title: script.title,
  kind: "alwaysOn",
  tabs: ["img2img"],
  params: JSON.parse(JSON.stringify(script.params)) as ParamSpec[],
  controls: "generic",
});
const hello: AnyScript = {
  id: "hello",
  title: "Hello",
  kind: "alwaysOn",
  tabs: ["img2img"],
  params: [{ name: "enabled", type: "bool", default: false }, { name: "strength", type: "number", default: 0.5, infotext: "Hello strength" }],
  hooks: {},
};
const scripts: TabScripts = { alwaysOn: [descriptor(adetailer), descriptor(hello)], selectable: [], xyzAxes: [] };

const infotextOf = (tabs: Array<Record<string, unknown>>) =>
  "a portrait\nSteps: 20, Sampler: Euler, " + adetailerInfotext(tabs.map((t) => ({ ...defaultTab(), ...t }) as ReturnType<typeof defaultTab>)).map(([k, v]) => formatInfotextItem(k, v)).join(", ");

/** The pasted arguments of ADetailer and Hello, by id, as `pastedScriptArgs` collects them. */
function pasteOf(fields: Record<string, string>): Record<string, Record<string, unknown>> {
  const pasted: Record<string, Record<string, unknown>> = {};
  for (const script of [adetailer, hello] as AnyScript[]) {
    const args = scriptPastedArgs(script, fields, "img2img");
    if (args) pasted[script.id] = args;
  }
  return pasted;
}

describe("pasting declared infotext fields", () => {
  it("restores ADetailer's tabs from its infotext, each rebuilt from the defaults, and ticks the accordion", () => {
    const fields = parseGenerationParameters(infotextOf([{ ad_model: "mediapipe_face_short", ad_prompt: "a smile, detailed", ad_confidence: 0.5 }, { ad_model: "person_centernet", ad_inpaint_only_masked: false }]));
    const form = withPastedArgs(defaultScriptsForm(scripts), scripts, pasteOf(fields));
    const values = form.values.adetailer as { enable: boolean; tabs: Array<Record<string, unknown>> };
    expect(values.enable).toBe(true);
    expect(values.tabs).toHaveLength(2);
    expect(values.tabs[0]).toMatchObject({ ad_model: "mediapipe_face_short", ad_prompt: "a smile, detailed", ad_confidence: 0.5, ad_dilate_erode: 4, ad_inpaint_only_masked: true });
    expect(values.tabs[1]).toMatchObject({ ad_model: "person_centernet", ad_inpaint_only_masked: false, ad_confidence: 0.3, ad_prompt: "" });
    // Hello has none of its fields: untouched.
    expect(form.values.hello).toEqual({ enabled: false, strength: 0.5 });
  });

  it("an infotext without the fields restores nothing; a field that does not cast leaves its control but ticks the script", () => {
    const start = defaultScriptsForm(scripts);
    expect(pasteOf(parseGenerationParameters("x\nSteps: 20"))).toEqual({});
    expect(pasteOf({ "Hello strength": "lots" })).toEqual({ hello: { enabled: true } });
    const form = withPastedArgs(start, scripts, pasteOf({ "Hello strength": "lots" }));
    expect(form.values.hello).toEqual({ enabled: true, strength: 0.5 });
  });
});
