// Pasting infotext into the scripts' controls (docs/extensions.md#pasting-infotext), on ADetailer's declaration:
// its written fields come back into the tabs (defaults for what it pruned), the accordion is ticked, the other
// scripts and an infotext without their fields leave the form alone.
import { describe, expect, it } from "vitest";
import { formatInfotextItem } from "@onyx/sdk";
import { adetailer } from "@/extensions/adetailer/index";
import { adetailerInfotext } from "@/extensions/adetailer/infotext";
import { defaultTab } from "@/extensions/adetailer/tab-fields";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import type { ParamSpec } from "@/lib/scripts/script";
import type { ScriptDescriptor, TabScripts } from "@/lib/scripts/script-descriptors";
import { pasteScriptValues } from "@/app/ui/scripts/paste-scripts";
import { defaultScriptsForm } from "@/app/ui/scripts/scripts-form";

const descriptor = (script: { id: string; title: string; params: readonly ParamSpec[] }): ScriptDescriptor => ({
  id: script.id,
  title: script.title,
  kind: "alwaysOn",
  tabs: ["img2img"],
  params: JSON.parse(JSON.stringify(script.params)) as ParamSpec[],
  controls: "generic",
});
const other = descriptor({ id: "hello", title: "Hello", params: [{ name: "enabled", type: "bool", default: false }, { name: "strength", type: "number", default: 0.5, infotext: "Hello strength" }] });
const scripts: TabScripts = { alwaysOn: [descriptor(adetailer), other], selectable: [], xyzAxes: [] };

const infotextOf = (tabs: Array<Record<string, unknown>>) =>
  "a portrait\nSteps: 20, Sampler: Euler, " + adetailerInfotext(tabs.map((t) => ({ ...defaultTab(), ...t }) as ReturnType<typeof defaultTab>)).map(([k, v]) => formatInfotextItem(k, v)).join(", ");

describe("pasteScriptValues", () => {
  it("restores ADetailer's tabs from its infotext and ticks the accordion", () => {
    const fields = parseGenerationParameters(infotextOf([{ ad_model: "mediapipe_face_short", ad_prompt: "a smile, detailed", ad_confidence: 0.5 }, { ad_model: "person_centernet", ad_inpaint_only_masked: false }]));
    const form = pasteScriptValues(defaultScriptsForm(scripts), scripts, fields);
    const values = form.values.adetailer as { enable: boolean; tabs: Array<Record<string, unknown>> };
    expect(values.enable).toBe(true);
    expect(values.tabs).toHaveLength(2);
    expect(values.tabs[0]).toMatchObject({ ad_model: "mediapipe_face_short", ad_prompt: "a smile, detailed", ad_confidence: 0.5, ad_dilate_erode: 4, ad_inpaint_only_masked: true });
    expect(values.tabs[1]).toMatchObject({ ad_model: "person_centernet", ad_inpaint_only_masked: false, ad_confidence: 0.3, ad_prompt: "" });
    // Hello has none of its fields: untouched.
    expect(form.values.hello).toEqual({ enabled: false, strength: 0.5 });
  });

  it("an infotext without ADetailer fields leaves the form as it is; a field that does not cast leaves its control", () => {
    const start = defaultScriptsForm(scripts);
    expect(pasteScriptValues(start, scripts, parseGenerationParameters("x\nSteps: 20"))).toEqual(start);
    const form = pasteScriptValues(start, scripts, { "Hello strength": "lots" });
    expect(form.values.hello).toEqual({ enabled: true, strength: 0.5 });
  });
});
