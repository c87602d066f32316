// A1111's standard upscaler names: a spelling variant finds the installed model, a standard name that
// is not installed gets the best trained stand-in of its scale (same family first, then the learned RRDN),
// and the job's infotext and info name what ran.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { STAMP_FILE } from "@/lib/onnx/fixtures/stamp";
import { JobProgress } from "@/lib/queue/job-progress";
import { resolveUpscaler } from "@/lib/upscalers/standard-names";
import { useTempJobFolders } from "../temp-job-folders";

useTempJobFolders("upscaler-names");

const dirs: string[] = [];
/** A models folder holding these files (relative to it; ESRGAN/ when no folder is named). */
function modelsWith(...files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-upscalers-"));
  dirs.push(dir);
  for (const f of files) {
    const file = path.join(dir, f.includes("/") ? f : path.join("ESRGAN", f));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "");
  }
  return dir;
}
/** The generated ESRGAN fixture with its stamp, and converted RRDN / RDN models. */
const FIXTURE = ["onyx-esrgan-4x.onnx", `onyx-esrgan-4x.onnx${STAMP_FILE}`];
const LEARNED = ["converted/rrdn-x2.onnx", "converted/rrdn-x4.onnx", "converted/rdn-x4.onnx", "converted/rrdn-x8.onnx"];
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

  it("prefers the learned RRDN of the scale to other models, and never stands in with a generated fixture", () => {
    // The fixture is named like the ESRGAN family but has random weights; RRDN is ESRGAN's trained generator.
    const fresh = modelsWith(...FIXTURE, ...LEARNED);
    expect(ran("R-ESRGAN 4x+", fresh)).toEqual(["RRDN ×4 (UpscalerJS)", "R-ESRGAN 4x+"]);
    expect(ran("4x-UltraSharp", fresh)).toEqual(["RRDN ×4 (UpscalerJS)", "4x-UltraSharp"]);
    expect(ran("R-ESRGAN 2x+", fresh)).toEqual(["RRDN ×2 (UpscalerJS)", "R-ESRGAN 2x+"]);
    expect(ran("8x_NMKD-Superscale_150000_G", fresh)).toEqual(["RRDN ×8 (UpscalerJS)", "8x_NMKD-Superscale_150000_G"]);
    // No RRDN of that scale: any other trained model of it (RDN), never the fixture.
    expect(ran("DAT x4", modelsWith(...FIXTURE, "converted/rdn-x4.onnx"))).toEqual(["RDN ×4 (UpscalerJS)", "DAT x4"]);
    expect(ran("R-ESRGAN 4x+", modelsWith(...FIXTURE))).toEqual(["Lanczos", "R-ESRGAN 4x+"]);
    // Named, the fixture runs itself.
    expect(ran("onyx-esrgan-4x", fresh)).toEqual(["onyx-esrgan-4x", null]);
    // A trained model of the asked family that the user installed still comes first.
    const installed = modelsWith(...FIXTURE, ...LEARNED, "RealESRGAN_x4plus.onnx", "4x-AnimeSharp.onnx");
    expect(ran("R-ESRGAN 4x+", installed)).toEqual(["RealESRGAN_x4plus", "R-ESRGAN 4x+"]);
    expect(ran("R-ESRGAN 4x+ Anime6B", installed)).toEqual(["4x-AnimeSharp", "R-ESRGAN 4x+ Anime6B"]);
    expect(ran("SwinIR 4x", installed)).toEqual(["RRDN ×4 (UpscalerJS)", "SwinIR 4x"]);
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
    // npm ci installs and converts RRDN: it stands in rather than the generated ESRGAN fixture.
    expect(stand).toBe("RRDN ×4 (UpscalerJS)");
    expect(parseGenerationParameters(result.images[0].infotext)["Hires upscaler"]).toBe(stand);
    expect(result.info.warnings).toEqual([`upscaler 'R-ESRGAN 4x+' is not installed; ${stand} ran instead`]);
  });
});
