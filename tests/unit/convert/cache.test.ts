// Conversion at first start: each converted model is stamped with its source's hash, reused while the source is
// unchanged, re-made when it changes, and a source that fails is logged and not offered while the rest convert.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STAMP_SUFFIX, ensureConvertedModels } from "@/lib/convert/cache";
import { MODEL_SOURCES, convertedModelPath, type ModelSource } from "@/lib/convert/sources";
import { readTflite } from "@/lib/convert/tflite-model";
import { readModel } from "@/lib/onnx/read";
import { listDetectors } from "@/lib/detection/registry";
import { listUpscalers } from "@/lib/upscalers/registry";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-convert-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A node_modules with copies of the two MediaPipe files under a package of our own, which the test may edit. */
function fakePackages(): { packagesDir: string; sources: ModelSource[] } {
  const packagesDir = path.join(root, "node_modules");
  const dir = path.join(packagesDir, "@test", "faces");
  fs.mkdirSync(dir, { recursive: true });
  for (const file of ["face_detection_short_range.tflite", "face_detection_full_range.tflite"]) {
    fs.copyFileSync(path.resolve("node_modules/@mediapipe/face_detection", file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "@test/faces", version: "1.2.3" }));
  const sources = MODEL_SOURCES.filter((s) => s.id.startsWith("mediapipe")).map((s) => ({ ...s, package: "@test/faces" }));
  return { packagesDir, sources };
}

describe("converted models cache", () => {
  const modelsDir = path.join(root, "models");
  const { packagesDir, sources } = fakePackages();
  const [short, full] = sources;
  const quiet: string[] = [];
  const ensure = () => ensureConvertedModels(modelsDir, { sources, packagesDir, log: (l) => quiet.push(l) });

  it("converts on first run, stamps each file and records the source in the model's metadata", () => {
    expect(ensure()).toEqual({ converted: [short.id, full.id], reused: [], failed: [] });
    const file = convertedModelPath(modelsDir, short);
    expect(fs.readFileSync(file + STAMP_SUFFIX, "utf8").trim()).toMatch(/^[0-9a-f]{32}$/);
    expect(readModel(file).metadataProps).toContainEqual({ key: "onyx_source", value: "@test/faces@1.2.3/face_detection_short_range.tflite" });
    expect(listDetectors(modelsDir).map((d) => d.name)).toEqual(["mediapipe_face_full", "mediapipe_face_short"]);
  });

  it("reuses unchanged files and re-makes the one whose source changed", () => {
    const file = convertedModelPath(modelsDir, full);
    const before = fs.statSync(file).mtimeMs;
    expect(ensure()).toEqual({ converted: [], reused: [short.id, full.id], failed: [] });
    expect(fs.statSync(file).mtimeMs).toBe(before);
    // A new package version: one weight of the model changes in its lowest mantissa bit.
    const source = path.join(packagesDir, "@test/faces", short.files[0]);
    const bytes = new Uint8Array(fs.readFileSync(source));
    const weight = readTflite(bytes).tensors.find((t) => t.data)!.data!;
    bytes[weight.byteOffset] ^= 1;
    fs.writeFileSync(source, bytes);
    expect(ensure()).toEqual({ converted: [short.id], reused: [full.id], failed: [] });
  });

  it("a source that cannot be converted is logged with its reason and removed; the others stay offered", () => {
    fs.writeFileSync(path.join(packagesDir, "@test/faces", full.files[0]), "not a flatbuffer");
    const report = ensure();
    expect(report.reused).toEqual([short.id]);
    expect(report.failed).toEqual([{ id: full.id, error: "not a TensorFlow Lite model (no TFL3 identifier)" }]);
    expect(quiet.at(-1)).toBe(`model conversion: ${full.id} from @test/faces failed, it is not offered: not a TensorFlow Lite model (no TFL3 identifier)`);
    expect(fs.existsSync(convertedModelPath(modelsDir, full))).toBe(false);
    expect(listDetectors(modelsDir).map((d) => d.name)).toEqual(["mediapipe_face_short"]);
    // A package that is not installed at all fails the same way.
    const missing = ensureConvertedModels(modelsDir, { sources: [{ ...short, id: "other", package: "@test/absent" }], packagesDir, log: () => {} });
    expect(missing.failed[0].error).toMatch(/@test\/absent\/face_detection_short_range.tflite is missing/);
  });

  it("offers a learned upscaler only once its converted file exists", () => {
    expect(listUpscalers(modelsDir).filter((u) => u.kind === "learned")).toEqual([]);
    const rrdn = MODEL_SOURCES.find((s) => s.id === "rrdn-x4")!;
    fs.mkdirSync(path.dirname(convertedModelPath(modelsDir, rrdn)), { recursive: true });
    fs.writeFileSync(convertedModelPath(modelsDir, rrdn), "");
    expect(listUpscalers(modelsDir).filter((u) => u.kind === "learned").map((u) => [u.name, u.scale])).toEqual([["RRDN ×4 (UpscalerJS)", 4]]);
  });
});
