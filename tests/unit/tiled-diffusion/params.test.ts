// Tiled Diffusion's arguments: A1111's positional layout (21 values, then 10 per region) to arguments by name,
// bound and checked like every script's; the infotext dict's keys and order, and pasting it back.
import { describe, expect, it } from "vitest";
import { tiledDiffusion } from "@/extensions/tiled-diffusion/index";
import { argsFromInfotext, tiledDiffusionInfo } from "@/extensions/tiled-diffusion/infotext";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { appendInfotextFields } from "@/lib/infotext/writer";
import { pythonRepr } from "@onyx/sdk";
import { bindScriptArgs, ScriptArgsError } from "@/lib/scripts/bind-args";

const bind = (args: unknown[] | Record<string, unknown>, tab: "txt2img" | "img2img" = "img2img") =>
  bindScriptArgs(tiledDiffusion, Array.isArray(args) ? tiledDiffusion.apiArgs!(args, tab) : args) as ReturnType<typeof bindScriptArgs> & Record<string, any>;

describe("Tiled Diffusion arguments", () => {
  it("a clients' prefix binds by position; the rest take defaults; out-of-range values come into range", () => {
    const args = bind([true, "MultiDiffusion", true, true, 1, 1, 112, 144, 4, 8, "4x-UltraSharp", 2, false, 0, 0.0, 3]);
    expect(args).toMatchObject({
      enabled: true, method: "MultiDiffusion", overwrite_size: true, keep_input_size: true,
      image_width: 256, image_height: 256, tile_width: 112, tile_height: 144, overlap: 4, batch_size: 8,
      upscaler: "4x-UltraSharp", scale_factor: 2, noise_inverse: false, noise_inverse_steps: 1, noise_inverse_retouch: 1,
      noise_inverse_renoise_strength: 2, noise_inverse_renoise_kernel: 64, enable_bbox_control: false, draw_background: false, bbox_controls: [],
    });
  });

  it("all 101: positions 17 and 20 are skipped, then 8 regions of 10 fields; disabled defaults stay disabled", () => {
    const flat: unknown[] = [true, "Mixture of Diffusers", false, true, 1024, 1024, 96, 96, 8, 8, "None", 2, false, 10, 1, 1, 64, true, true, false, true];
    flat.push(true, 0.1, 0.2, 0.30004, 0.4, "a tower", "fog", "Foreground", 0.35, 12.7);
    for (let k = 1; k < 8; k++) flat.push(false, 0.4, 0.4, 0.2, 0.2, "", "", "Background", 0.2, -1);
    expect(flat).toHaveLength(101);
    const args = bind(flat);
    expect(args.enable_bbox_control).toBe(true);
    expect(args.draw_background).toBe(false);
    expect(args.bbox_controls).toHaveLength(8);
    expect(args.bbox_controls[0]).toEqual({ enable: true, x: 0.1, y: 0.2, w: 0.3, h: 0.4, prompt: "a tower", neg_prompt: "fog", blend_mode: "Foreground", feather_ratio: 0.35, seed: 12 });
    expect(args.bbox_controls[1]).toMatchObject({ enable: false, x: 0.4, blend_mode: "Background", seed: -1 });
    // A region outside the canvas is ignored by the extension: kept here, disabled, its box clamped.
    const outside = bind([...flat.slice(0, 21), true, 1.5, 0, 0.2, 0.2, "", "", "Background", 0.2, -1]);
    expect(outside.bbox_controls[0]).toMatchObject({ enable: false, x: 1 });
  });

  it("by name everything is checked: an unknown method or an out-of-range tile is refused naming the argument", () => {
    expect(() => bind({ enabled: true, method: "SpotDiffusion" })).toThrow(ScriptArgsError);
    expect(() => bind({ tile_width: 8 })).toThrow(/tile_width.*at least 16/);
    expect(bind({}).bbox_controls).toEqual([]);
  });

  it("the infotext dict: the extension's keys in its order, Python's reprs", () => {
    const base = {
      method: "Mixture of Diffusers", tile_width: 128, tile_height: 96, overlap: 16, batch_size: 8, upscaler: "R-ESRGAN 4x+", scale_factor: 2,
      keep_input_size: true, noise_inverse: true, noise_inverse_steps: 30, noise_inverse_retouch: 1, noise_inverse_renoise_strength: 0.5, noise_inverse_renoise_kernel: 64,
    };
    expect(pythonRepr(tiledDiffusionInfo(base, true, null))).toBe(
      "{'Method': 'Mixture of Diffusers', 'Tile tile width': 128, 'Tile tile height': 96, 'Tile Overlap': 16, 'Tile batch size': 8, 'Upscaler': 'R-ESRGAN 4x+', 'Upscale factor': 2.0, 'Keep input size': True, 'NoiseInv': True, 'NoiseInv Steps': 30, 'NoiseInv Retouch': 1.0, 'NoiseInv Renoise strength': 0.5, 'NoiseInv Kernel size': 64}",
    );
    // txt2img: no img2img keys; regions numbered by their place, with their actual seed.
    const region = { number: 3, x: 0.4, y: 0, w: 0.2, h: 1, prompt: "a 'moon'", negPrompt: "", foreground: true, featherRatio: 0.2, seed: 42 };
    expect(pythonRepr(tiledDiffusionInfo({ ...base, method: "MultiDiffusion" }, false, [region]))).toBe(
      "{'Method': 'MultiDiffusion', 'Tile tile width': 128, 'Tile tile height': 96, 'Tile Overlap': 16, 'Tile batch size': 8, 'Region control': {'Region 3': {'enable': True, 'x': 0.4, 'y': 0.0, 'w': 0.2, 'h': 1.0, 'prompt': \"a 'moon'\", 'neg_prompt': '', 'blend_mode': 'Foreground', 'feather_ratio': 0.2, 'seed': 42}}}",
    );
  });

  it("pasting the infotext restores the accordion: every written key, the regions, img2img's keys; older key names too", () => {
    const args = bind({
      enabled: true, method: "Mixture of Diffusers", tile_width: 128, tile_height: 80, overlap: 16, batch_size: 2, upscaler: "Lanczos", scale_factor: 1.5,
      keep_input_size: false, noise_inverse: true, noise_inverse_steps: 30, noise_inverse_retouch: 2.5, noise_inverse_renoise_strength: 0.5, noise_inverse_renoise_kernel: 32,
      enable_bbox_control: true, bbox_controls: [{ x: 0.1, y: 0.2, w: 0.3, h: 0.4, prompt: "a 'moon', big", neg_prompt: "blur", blend_mode: "Foreground", feather_ratio: 0.3, seed: 42 }],
    });
    const info = args as unknown as Parameters<typeof tiledDiffusionInfo>[0];
    const regions = [{ number: 1, x: 0.1, y: 0.2, w: 0.3, h: 0.4, prompt: "a 'moon', big", negPrompt: "blur", foreground: true, featherRatio: 0.3, seed: 42 }];
    // Through the infotext writer and parser, as a saved image's parameters are pasted.
    const infotext = appendInfotextFields("a castle\nSteps: 20", new Map([["Tiled Diffusion", pythonRepr(tiledDiffusionInfo(info, true, regions))], ["Tiled Diffusion upscaler", "Lanczos"], ["Tiled Diffusion scale factor", "1.5"]]));
    const pasted = argsFromInfotext(parseGenerationParameters(infotext), "img2img")!;
    expect(bind(pasted)).toEqual(args);
    // txt2img: no img2img keys, the others as written; no Tiled Diffusion field → nothing to restore.
    const txt2img = argsFromInfotext({ "Tiled Diffusion": pythonRepr(tiledDiffusionInfo(info, false, null)) }, "txt2img")!;
    expect(txt2img).toEqual({ enabled: true, method: "Mixture of Diffusers", tile_width: 128, tile_height: 80, overlap: 16, batch_size: 2, enable_bbox_control: false });
    expect(argsFromInfotext({ Steps: "20" }, "txt2img")).toBeUndefined();
    expect(argsFromInfotext({ "Tiled Diffusion": "{'Method': " }, "txt2img")).toBeUndefined();
    // Older versions' key names.
    expect(argsFromInfotext({ "Tiled Diffusion": "{'Method': 'MultiDiffusion', 'Latent tile width': 64, 'Latent tile height': 64, 'Overlap': 8, 'Latent tile batch size': 1, 'Noise inverse': True, 'Noise inverse steps': 5}" }, "img2img")).toMatchObject({
      tile_width: 64, tile_height: 64, overlap: 8, batch_size: 1, noise_inverse: true, noise_inverse_steps: 5, upscaler: "None", keep_input_size: false,
    });
  });
});
