// The 18-argument script_args layout of the original extension (docs/ultimate-sd-upscale.md#arguments), bound
// by the platform's binder as a request's arguments are.
import { describe, expect, it } from "vitest";
import { defineScript } from "@onyx/sdk";
import { bindScriptArgs } from "@/lib/scripts/bind-args";
import { usduApiArgs, USDU_PARAMS } from "@/extensions/ultimate-sd-upscale/args";

// Only the declaration and the adapter are under test here; the run itself is not.
const script = defineScript({
  title: "Ultimate SD upscale", tabs: ["img2img"], kind: "selectable", params: USDU_PARAMS, apiArgs: usduApiArgs,
  hooks: { run: () => Promise.reject(new Error("not run in this test")) },
});
const bind = (args: unknown[]) => bindScriptArgs(script, usduApiArgs(args));

describe("usduApiArgs", () => {
  it("reads the issue's list: tile height 0, seams-fix mask blur 4, type 3 (half tile + intersections), scale 2", () => {
    expect(bind(["", 512, 0, 8, 32, 64, 0.35, 16, 0, true, 0, false, 4, 3, 2, 2048, 2048, 2])).toEqual({
      tile_width: 512, tile_height: 0, mask_blur: 8, padding: 32,
      seams_fix_width: 64, seams_fix_denoise: 0.35, seams_fix_padding: 16,
      upscaler: "None", save_upscaled_image: true, redraw_mode: "Linear", save_seams_fix_image: false,
      seams_fix_mask_blur: 4, seams_fix_type: "Half tile offset pass + intersections",
      target_size_type: "Scale from image size", custom_width: 2048, custom_height: 2048, custom_scale: 2, color_fix: false,
    });
  });

  it("binds the upscaler, an index into the installed list or a name, to its name; refuses one that is not installed", () => {
    const at = (upscaler: unknown) => bind(["", 512, 0, 8, 32, 64, 0.35, 16, upscaler]).upscaler;
    expect([at(1), at("2"), at("lanczos"), at("R-ESRGAN 4x+")]).toEqual(["Lanczos", "Nearest", "Lanczos", "R-ESRGAN 4x+"]);
    expect(() => at("Bicubic")).toThrow(/"upscaler" \(argument 7\).*Bicubic/);
    expect(() => at(999)).toThrow(/upscaler/);
  });

  it("reads the extension README's list, whose first argument is null", () => {
    const a = bind([null, 512, 512, 8, 32, 64, 0.35, 32, 0, true, 0, false, 8, 0, 0, 2048, 2048, 2]);
    expect([a.tile_width, a.tile_height, a.seams_fix_padding, a.seams_fix_mask_blur, a.seams_fix_type, a.target_size_type])
      .toEqual([512, 512, 32, 8, "None", "From img2img2 settings"]);
  });

  it("takes the dropdowns by index or by name, and the defaults for what a short list leaves out", () => {
    const a = bind(["", 768, 0, 8, 32, 64, 0.35, 16, "R-ESRGAN 4x+", true, "Chess", false, 4, "Band pass", 1]);
    expect([a.upscaler, a.redraw_mode, a.seams_fix_type, a.target_size_type]).toEqual(["R-ESRGAN 4x+", "Chess", "Band pass", "Custom size"]);
    expect([a.custom_width, a.custom_height, a.custom_scale]).toEqual([2048, 2048, 2]);
    expect(bind([])).toEqual(Object.fromEntries(USDU_PARAMS.map((p) => [p.name, p.default])));
    expect(bind([null, 0, 1024]).tile_width).toBe(0);
  });

  it("refuses indices out of range and values out of the sliders' ranges, naming the parameter", () => {
    expect(() => bind(["", 512, 0, 8, 32, 64, 0.35, 16, 0, true, 3])).toThrow(/redraw_mode/);
    expect(() => bind(["", 512, 0, 8, 32, 64, 0.35, 16, 0, true, 0, false, 4, 4])).toThrow(/seams_fix_type/);
    expect(() => bind(["", 512, 0, 8, 32, 64, 0.35, 16, 0, true, 0, false, 4, 0, -1])).toThrow(/target_size_type/);
    expect(() => bind(["", 4096])).toThrow(/tile_width/);
    expect(() => bind(["", 512, 0, 8, 32, 64, 1.5])).toThrow(/seams_fix_denoise/);
  });
});
