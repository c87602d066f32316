// Scripts through the API: the lists A1111 clients read, and A1111's positional X/Y/Z arguments
// (axis types as indices into A1111's own axis list) bound to the script's named parameters.
import { describe, expect, it } from "vitest";
import { apiScriptInfo, apiScriptList } from "@/lib/api/scripts";
import { resolveJobScripts, ScriptRequestError } from "@/lib/scripts/request-scripts";

process.env.EXTENSIONS_DIR = "/nonexistent-onyx-extensions";

const a1111XyzArgs = [4, "10,20", [], 9, "", ["Euler", "DDIM"], 0, "", [], true, false, false, false, false, false, false, 2, false];

describe("scripts in API requests", () => {
  it("lists the X/Y/Z plot for both tabs, with its arguments", async () => {
    expect(await apiScriptList()).toEqual({
      txt2img: ["prompt matrix", "prompts from file or textbox", "x/y/z plot"],
      img2img: ["loopback", "outpainting mk2", "poor man's outpainting", "prompt matrix", "prompts from file or textbox", "sd upscale", "x/y/z plot", "soft inpainting"],
    });
    const info = await apiScriptInfo();
    const xyz = info.find((s) => s.name === "x/y/z plot" && !s.is_img2img)!;
    expect(xyz.is_alwayson).toBe(false);
    expect(xyz.args[0]).toMatchObject({ label: "X type", value: "Seed" });
    expect(xyz.args.find((a) => a.label === "Grid margins (px)")).toMatchObject({ minimum: 0, maximum: 500, step: 2 });
  });

  it("binds A1111's positional X/Y/Z arguments: index 4 = Steps, 9 = Sampler, dropdown values joined", async () => {
    const [active] = await resolveJobScripts("txt2img", { scriptName: "X/Y/Z plot", scriptArgs: a1111XyzArgs, alwaysonScripts: {} });
    expect(active.args).toMatchObject({ x_type: "Steps", x_values: "10,20", y_type: "Sampler", y_values: "Euler,DDIM", z_type: "Nothing", draw_legend: true, margin_size: 2 });
    // img2img's list has Image CFG Scale after CFG Scale: index 5 is CFG Scale there, 6 Image CFG Scale
    // (an axis Onyx lacks: the plot refuses it when it starts, see xyz-plot-run.test.ts).
    // img2img jobs also carry the always-on Soft Inpainting (disabled by default); the plot is the selected script.
    const selected = async (scriptArgs: unknown[]) => (await resolveJobScripts("img2img", { scriptName: "x/y/z plot", scriptArgs, alwaysonScripts: {} })).find((a) => a.script.kind === "selectable")!;
    expect((await selected([5, "5,7"])).args.x_type).toBe("CFG Scale");
    expect((await selected([6, "1,2"])).args.x_type).toBe("Image CFG Scale");
  });

  it("reads the 14-argument layout of earlier A1111 versions by A1111 1.10's positions", async () => {
    // [x_type, x_values, x_dropdown, y…, z…, draw_legend, include_lone_images, include_sub_grids, no_fixed_seeds, margin_size]:
    // 1.10 reads the old margin_size slot as vary_seeds_x (Python truthiness) and keeps its own margin default.
    const legacy = [4, "10,20", [], 0, "", [], 0, "", [], true, false, false, false, 8];
    const [active] = await resolveJobScripts("txt2img", { scriptName: "X/Y/Z plot", scriptArgs: legacy, alwaysonScripts: {} });
    expect(active.args).toMatchObject({ x_type: "Steps", x_values: "10,20", y_type: "Nothing", draw_legend: true, no_fixed_seeds: false, vary_seeds_x: true, vary_seeds_y: false, margin_size: 0 });
  });

  it("names what is wrong: unknown script, selectable script in alwayson_scripts", async () => {
    await expect(resolveJobScripts("txt2img", { scriptName: "Loopback", scriptArgs: [], alwaysonScripts: {} })).rejects.toThrow(new ScriptRequestError("Script 'Loopback' not found"));
    await expect(resolveJobScripts("txt2img", { scriptName: null, scriptArgs: [], alwaysonScripts: { "X/Y/Z plot": { args: [] } } })).rejects.toThrow(
      "Cannot have a selectable script in the always on scripts params",
    );
  });

  it("describes Soft Inpainting as img2img's always-on built-in with A1111's seven arguments, bound by position", async () => {
    const info = await apiScriptInfo();
    expect(info.filter((s) => s.name === "soft inpainting").map((s) => [s.is_img2img, s.is_alwayson])).toEqual([[true, true]]);
    const soft = info.find((s) => s.name === "soft inpainting")!;
    const slider = (label: string, value: number, minimum: number, maximum: number, step: number) => ({ label, type: "number", value, minimum, maximum, step, choices: null });
    // A1111's soft_inpainting.py: the InputAccordion's checkbox, then its six sliders in ui() order.
    expect(soft.args).toEqual([
      { label: "Soft inpainting", type: "bool", value: false, minimum: null, maximum: null, step: null, choices: null },
      slider("Schedule bias", 1, 0, 8, 0.1),
      slider("Preservation strength", 0.5, 0, 8, 0.05),
      slider("Transition contrast boost", 4, 1, 32, 0.5),
      slider("Mask influence", 0, 0, 1, 0.05),
      slider("Difference threshold", 0.5, 0, 8, 0.25),
      slider("Difference contrast", 2, 0, 8, 0.25),
    ]);
    const bound = async (args: unknown[]) =>
      (await resolveJobScripts("img2img", { scriptName: null, scriptArgs: [], alwaysonScripts: { "Soft Inpainting": { args } } })).find((a) => a.script.title === "Soft Inpainting")!.args;
    expect(await bound(["True", "2", 0.25, 8, 0.5, 1, 3])).toEqual({
      enabled: true, mask_blend_power: 2, mask_blend_scale: 0.25, inpaint_detail_preservation: 8, composite_mask_influence: 0.5, composite_difference_threshold: 1, composite_difference_contrast: 3,
    });
    // Not named in the request: it runs with its defaults, i.e. disabled.
    const [unnamed] = await resolveJobScripts("img2img", { scriptName: null, scriptArgs: [], alwaysonScripts: {} });
    expect(unnamed.args).toMatchObject({ enabled: false, mask_blend_power: 1 });
    await expect(resolveJobScripts("txt2img", { scriptName: null, scriptArgs: [], alwaysonScripts: { "soft inpainting": { args: [true] } } })).rejects.toThrow("always on script soft inpainting not found");
  });
});
