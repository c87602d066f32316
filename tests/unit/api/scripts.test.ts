// Scripts through the API: the lists A1111 clients read, and A1111's positional X/Y/Z arguments
// (axis types as indices into A1111's own axis list) bound to the script's named parameters.
import { describe, expect, it } from "vitest";
import { apiScriptInfo, apiScriptList } from "@/lib/api/scripts";
import { resolveJobScripts, ScriptRequestError } from "@/lib/scripts/request-scripts";

process.env.EXTENSIONS_DIR = "/nonexistent-onyx-extensions";

const a1111XyzArgs = [4, "10,20", [], 9, "", ["Euler", "DDIM"], 0, "", [], true, false, false, false, false, false, false, 2, false];

describe("scripts in API requests", () => {
  it("lists the X/Y/Z plot for both tabs, with its arguments", async () => {
    expect(await apiScriptList()).toEqual({ txt2img: ["prompt matrix", "prompts from file or textbox", "x/y/z plot"], img2img: ["loopback", "prompt matrix", "prompts from file or textbox", "x/y/z plot"] });
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
    const [img] = await resolveJobScripts("img2img", { scriptName: "x/y/z plot", scriptArgs: [5, "5,7"], alwaysonScripts: {} });
    expect(img.args.x_type).toBe("CFG Scale");
    const [other] = await resolveJobScripts("img2img", { scriptName: "x/y/z plot", scriptArgs: [6, "1,2"], alwaysonScripts: {} });
    expect(other.args.x_type).toBe("Image CFG Scale");
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
});
