// The tabs' scripts slice: descriptors the page sends (plain data, the tab's X/Y/Z axes), default
// values from the declared specs, the form → request mapping the server binds, A1111's element ids,
// the parameter layout and the X/Y/Z axis helpers (multi-select text, Swap buttons).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { tabScripts, type ScriptDescriptor, type TabScripts } from "@/lib/scripts/script-descriptors";
import { csvValues } from "@/lib/scripts/xyz-plot/csv-values";
import { xyzPlotScript } from "@/lib/scripts/xyz-plot/script";
import { paramBlocks } from "@/app/ui/scripts/param-blocks";
import { scriptElementId, scriptSlug } from "@/app/ui/scripts/script-element-id";
import { defaultScriptsForm, toScriptsRequest, withScriptValues, type ScriptsForm } from "@/app/ui/scripts/scripts-form";
import { chosenValues, joinAxisValues, swapAxes } from "@/app/ui/scripts/xyz-axis-fields";
import { defaultTxt2imgForm, toGenerationInput } from "@/app/ui/txt2img/txt2img-form";
import { useTempExtensions } from "../temp-extensions";

const xyz: ScriptDescriptor = { id: xyzPlotScript.id, title: xyzPlotScript.title, kind: "selectable", tabs: ["txt2img", "img2img"], params: [...xyzPlotScript.params], controls: "xyz-plot" };
const detailer: ScriptDescriptor = {
  id: "detailer",
  title: "Detailer",
  kind: "alwaysOn",
  tabs: ["txt2img"],
  controls: "generic",
  params: [
    { name: "enabled", type: "bool", default: false },
    { name: "units", type: "repeat", defaultCount: 2, maxCount: 4, params: [{ name: "model", type: "choice", choices: ["face", "hand"], default: "face" }, { name: "confidence", type: "number", default: 0.3, min: 0, max: 1 }] },
  ],
};
const scripts: TabScripts = { alwaysOn: [detailer], selectable: [xyz], xyzAxes: [] };

describe("scripts form → request", () => {
  it("starts at Script None with every script's declared defaults (docs/a1111/xyz-plot.md#controls: X type Seed, Y/Z Nothing, legend on, margins 0)", () => {
    const form = defaultScriptsForm(scripts);
    expect(form.selected).toBeNull();
    expect(form.values["x/y/z plot"]).toMatchObject({ x_type: "Seed", x_values: "", y_type: "Nothing", z_type: "Nothing", draw_legend: true, no_fixed_seeds: false, margin_size: 0 });
    // defaultCount 2 → two units, each its inner defaults.
    expect(form.values.detailer).toEqual({ enabled: false, units: [{ model: "face", confidence: 0.3 }, { model: "face", confidence: 0.3 }] });
    expect(toScriptsRequest(form, scripts)).toEqual({
      scriptName: null,
      scriptArgs: {},
      alwaysonScripts: { Detailer: { args: { enabled: false, units: [{ model: "face", confidence: 0.3 }, { model: "face", confidence: 0.3 }] } } },
    });
  });

  it("sends the selected X/Y/Z plot by name with its args by name, which the server binds unchanged", () => {
    let form: ScriptsForm = { ...defaultScriptsForm(scripts), selected: "x/y/z plot" };
    form = withScriptValues(form, "x/y/z plot", { ...form.values["x/y/z plot"], x_type: "Steps", x_values: "2,3,4", y_type: "Sampler", y_values: "Euler, DDIM" });
    const request = toScriptsRequest(form, scripts);
    expect(request.scriptName).toBe("x/y/z plot");
    expect(request.scriptArgs).toMatchObject({ x_type: "Steps", x_values: "2,3,4", y_type: "Sampler", y_values: "Euler, DDIM" });
    expect(bindScriptArgs(xyzPlotScript, request.scriptArgs)).toEqual(request.scriptArgs);
    // Merged into the txt2img request, the params schema keeps all three script fields.
    const params = generationParamsSchema.parse({ ...toGenerationInput(defaultTxt2imgForm(["Euler"], ["Automatic"])), ...request });
    expect(params.scriptName).toBe("x/y/z plot");
    expect(params.scriptArgs).toEqual(request.scriptArgs);
    expect(params.alwaysonScripts.Detailer.args).toEqual(request.alwaysonScripts.Detailer.args);
  });

  it("keeps each script's values while another is selected; an id no longer offered sends no script", () => {
    const edited = withScriptValues({ ...defaultScriptsForm(scripts), selected: "x/y/z plot" }, "x/y/z plot", { ...defaultScriptsForm(scripts).values["x/y/z plot"], x_values: "1-3" });
    const back = { ...edited, selected: "x/y/z plot" };
    expect(toScriptsRequest({ ...edited, selected: null }, scripts).scriptArgs).toEqual({});
    expect(toScriptsRequest(back, scripts).scriptArgs.x_values).toBe("1-3");
    expect(toScriptsRequest({ ...edited, selected: "gone" }, scripts).scriptName).toBeNull();
  });
});

describe("A1111 element ids (Script.elem_id)", () => {
  it("slugs the name: lower case, whitespace → _, other characters dropped; tab prefix only for scripts on both tabs", () => {
    expect(scriptSlug("X/Y/Z plot")).toBe("xyz_plot");
    expect(scriptSlug("Ultimate SD upscale")).toBe("ultimate_sd_upscale");
    expect(scriptElementId("txt2img", xyz)).toBe("script_txt2img_xyz_plot");
    expect(scriptElementId("img2img", xyz)).toBe("script_img2img_xyz_plot");
    expect(scriptElementId("txt2img", detailer)).toBe("script_detailer");
  });
});

describe("parameter layout", () => {
  it("groups X/Y/Z's axis params by group, consecutive checkboxes into one row, the margin slider alone", () => {
    const blocks = paramBlocks(xyzPlotScript.params);
    expect(blocks.map((b) => [b.title, b.params.map((p) => p.name)])).toEqual([
      ["X", ["x_type", "x_values"]],
      ["Y", ["y_type", "y_values"]],
      ["Z", ["z_type", "z_values"]],
      [undefined, ["draw_legend", "include_lone_images", "include_sub_grids", "no_fixed_seeds", "vary_seeds_x", "vary_seeds_y", "vary_seeds_z"]],
      [undefined, ["margin_size"]],
    ]);
  });
});

describe("X/Y/Z axis fields", () => {
  it("writes a multi-select's choices as CSV the script's reader parses back item for item", () => {
    const items = ["Euler", "DPM++ 2M", "model, v2", 'say "hi"', " padded"];
    const text = joinAxisValues(items);
    expect(text).toBe('Euler, DPM++ 2M, "model, v2", "say ""hi""", " padded"');
    // csvValues trims, as A1111's reader does; the quoted edge space is thereby lost there too.
    expect(csvValues(text)).toEqual(["Euler", "DPM++ 2M", "model, v2", 'say "hi"', "padded"]);
  });

  it("selects the choices the text names, case-insensitively, in choice order; unknown items select nothing", () => {
    expect(chosenValues("ddim, euler, Nope", ["Euler a", "Euler", "DDIM"])).toEqual(["Euler", "DDIM"]);
    expect(chosenValues("", ["Euler"])).toEqual([]);
  });

  it("swaps both type and values of two axes and nothing else", () => {
    const values = { x_type: "Steps", x_values: "2,3", y_type: "Sampler", y_values: "Euler", z_type: "Nothing", z_values: "", draw_legend: true };
    expect(swapAxes(values, "x", "y")).toEqual({ ...values, x_type: "Sampler", x_values: "Euler", y_type: "Steps", y_values: "2,3" });
    expect(swapAxes(swapAxes(values, "x", "z"), "x", "z")).toEqual(values);
  });
});

describe("tabScripts (the page's descriptors)", () => {
  useTempExtensions("script-descriptors", (tmp) => {
    fs.cpSync(path.resolve("extensions/example-hello"), path.join(tmp, "exts/example-hello"), { recursive: true });
    fs.mkdirSync(path.join(tmp, "models"));
  });

  it("lists always-on and selectable scripts as plain data, with the tab's axes and their fixed choices", async () => {
    const txt2img = await tabScripts("txt2img");
    expect(JSON.parse(JSON.stringify(txt2img))).toEqual(txt2img);
    expect(txt2img.alwaysOn.map((s) => [s.title, s.controls])).toEqual([["Hello", "generic"]]);
    expect(txt2img.selectable.map((s) => [s.title, s.controls])).toEqual([["Prompt matrix", "generic"], ["Prompts from file or textbox", "generic"], ["X/Y/Z plot", "xyz-plot"]]);
    const labels = txt2img.xyzAxes.map((a) => a.label);
    expect(labels.slice(0, 5)).toEqual(["Nothing", "Seed", "Var. seed", "Var. strength", "Steps"]);
    expect(labels).toContain("Hires steps");
    const choices = Object.fromEntries(txt2img.xyzAxes.map((a) => [a.label, a.choices]));
    expect(choices.Steps).toBeNull();
    expect(choices.Sampler).toEqual(expect.arrayContaining(["Euler", "DDIM", "DPM++ 2M"]));
    expect(choices["RNG source"]).toEqual(["GPU", "CPU", "NV"]);
    expect(choices["Checkpoint name"]).toEqual([]); // an empty models folder
    // Hires steps is a txt2img-only axis (docs/a1111/xyz-plot.md#axis-types).
    expect((await tabScripts("img2img")).xyzAxes.map((a) => a.label)).not.toContain("Hires steps");
  });
});
