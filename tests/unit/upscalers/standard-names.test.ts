// A1111's standard upscaler names: a spelling variant finds the installed model, a standard name that
// is not installed gets the best installed stand-in of its scale (same family first), and the job's
// infotext and info name what ran.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { resolveUpscaler } from "@/lib/upscalers/standard-names";
import { useTempJobFolders } from "../temp-job-folders";

useTempJobFolders("upscaler-names");

const dirs: string[] = [];
function modelsWith(...files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-upscalers-"));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, "ESRGAN"));
  for (const f of files) fs.writeFileSync(path.join(dir, "ESRGAN", f), "");
  return dir;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const ran = (name: string, dir: string) => {
  const r = resolveUpscaler(name, dir);
  return r ? [r.upscaler.name, r.substitutedFor ?? null] : null;
};

describe("resolveUpscaler", () => {
  it("runs an installed upscaler itself, and finds one spelled with other separators or case", () => {
    const dir = modelsWith("4x-UltraSharp.onnx");
    expect(ran("4x-UltraSharp", dir)).toEqual(["4x-UltraSharp", null]);
    expect(ran("4x_ultrasharp", dir)).toEqual(["4x-UltraSharp", "4x_ultrasharp"]);
    expect(ran("Lanczos", dir)).toEqual(["Lanczos", null]);
  });

  it("stands in for a standard name with a model of its family, else any of its scale, else Lanczos", () => {
    const dir = modelsWith("4x-AnimeSharp.onnx", "RealESRGAN_x4plus.onnx");
    expect(ran("R-ESRGAN 4x+ Anime6B", dir)).toEqual(["4x-AnimeSharp", "R-ESRGAN 4x+ Anime6B"]);
    expect(ran("ESRGAN_4x", dir)).toEqual(["RealESRGAN_x4plus", "ESRGAN_4x"]);
    expect(ran("SwinIR_4x", dir)).toEqual(["4x-AnimeSharp", "SwinIR_4x"]);
    // Every ESRGAN-folder model counts as ×4: nothing of scale 2 is installed.
    expect(ran("R-ESRGAN 2x+", dir)).toEqual(["Lanczos", "R-ESRGAN 2x+"]);
    expect(ran("LDSR", modelsWith())).toEqual(["Lanczos", "LDSR"]);
  });

  it("leaves names that are neither installed nor standard unknown", () => {
    expect(ran("My private upscaler", modelsWith("a.onnx"))).toBeNull();
  });
});

describe("a hires job naming a standard upscaler that is not installed", () => {
  it("runs the stand-in, writes its name to the infotext and warns in info", async () => {
    const params = generationParamsSchema.parse({ prompt: "a fox", steps: 1, width: 64, height: 64, seed: 1, samplerName: "Euler", saveImages: false, enableHr: true, hrScale: 1.5, hrUpscaler: "R-ESRGAN 4x+", denoisingStrength: 0.5 });
    const result = await runTxt2img(params, new JobProgress("hr-std"));
    const stand = resolveUpscaler("R-ESRGAN 4x+")!.upscaler.name;
    expect(stand).not.toBe("R-ESRGAN 4x+");
    expect(parseGenerationParameters(result.images[0].infotext)["Hires upscaler"]).toBe(stand);
    expect(result.info.warnings).toEqual([`upscaler 'R-ESRGAN 4x+' is not installed; ${stand} ran instead`]);
  });
});
