import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiLatentUpscaleModes, apiUpscalers } from "@/lib/api/upscalers";

describe("upscaler lists (docs/upscalers.md#the-list)", () => {
  it("lists None, Lanczos, Nearest, then the ESRGAN .onnx models sorted case-insensitively", () => {
    const models = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-upscalers-"));
    fs.mkdirSync(path.join(models, "ESRGAN"));
    for (const name of ["zeta.onnx", "Alpha.onnx", "beta.onnx", "notes.txt"]) fs.writeFileSync(path.join(models, "ESRGAN", name), "");
    const list = apiUpscalers(models);
    expect(list.map((u) => u.name)).toEqual(["None", "Lanczos", "Nearest", "Alpha", "beta", "zeta"]);
    expect(list[0]).toEqual({ name: "None", model_name: null, model_path: null, model_url: null, scale: 4 });
    expect(list[3]).toEqual({ name: "Alpha", model_name: "ESRGAN", model_path: path.join(models, "ESRGAN", "Alpha.onnx"), model_url: null, scale: 4 });
    fs.rmSync(models, { recursive: true });
  });

  it("lists only the built-ins when there is no ESRGAN folder", () => {
    expect(apiUpscalers(path.join(os.tmpdir(), "onyx-no-such-dir")).map((u) => u.name)).toEqual(["None", "Lanczos", "Nearest"]);
  });

  it("has A1111's six latent modes in order", () => {
    expect(apiLatentUpscaleModes().map((m) => m.name)).toEqual(["Latent", "Latent (antialiased)", "Latent (bicubic)", "Latent (bicubic antialiased)", "Latent (nearest)", "Latent (nearest-exact)"]);
  });
});
