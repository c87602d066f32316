// Converts the npm-shipped models of sources.ts into <models>/converted/ on first start and whenever a source
// changes: each ONNX file has a stamp beside it with the hash of its source files and of the converters, so an
// updated package or converter re-makes it and everything else is reused. A model that fails to convert is
// logged with its reason and removed (so it is not offered); the others are unaffected. Like the fixtures, each
// file is written beside its target and renamed into place. Runs from scripts (start, tests), not the server.
// docs/converters.md#cache-and-failures.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelProto } from "@/lib/onnx/proto";
import { writeModel } from "@/lib/onnx/write";
import { tfjsGraphToOnnx } from "@/lib/convert/tfjs-graph-to-onnx";
import { tfjsLayersToOnnx } from "@/lib/convert/tfjs-layers-to-onnx";
import { tfliteToOnnx } from "@/lib/convert/tflite-to-onnx";
import { MODEL_SOURCES, convertedModelPath, defaultPackagesDir, type ModelSource } from "@/lib/convert/sources";

export const STAMP_SUFFIX = ".onyx-source";

const convertDir = path.dirname(fileURLToPath(import.meta.url));

/** What decides a converted file's bytes besides its source: the converters and the ONNX writer they use. */
function converterHash(): string {
  const hash = crypto.createHash("sha256");
  for (const dir of [convertDir, path.join(path.dirname(convertDir), "onnx")]) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest("hex");
}

function sourceStamp(source: ModelSource, packagesDir: string, converters: string): string {
  const dir = path.join(packagesDir, source.package);
  const hash = crypto.createHash("sha256").update(converters);
  for (const file of source.files) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) throw new Error(`${source.package}/${file} is missing (is ${source.package} installed?)`);
    hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest("hex").slice(0, 32);
}

function packageVersion(dir: string): string {
  const file = path.join(dir, "package.json");
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).version : "unknown";
}

function convertSource(source: ModelSource, packagesDir = defaultPackagesDir()): ModelProto {
  const dir = path.join(packagesDir, source.package);
  const entry = path.join(dir, source.files[0]);
  let model: ModelProto;
  switch (source.format) {
    case "tflite":
      model = tfliteToOnnx(fs.readFileSync(entry));
      break;
    case "tfjs-graph":
      model = tfjsGraphToOnnx(entry, source.outputs ?? []);
      break;
    case "tfjs-layers":
      model = tfjsLayersToOnnx(entry, { inputRange: (source as Extract<ModelSource, { role: "upscaler" }>).inputRange });
      break;
  }
  model.metadataProps = [...(model.metadataProps ?? []), { key: "onyx_source", value: `${source.package}@${packageVersion(dir)}/${source.files[0]}` }];
  return model;
}

export interface ConversionReport {
  converted: string[];
  reused: string[];
  failed: Array<{ id: string; error: string }>;
}

export interface EnsureOptions {
  force?: boolean;
  log?: (line: string) => void;
  /** Defaults: every source of sources.ts, from the project's node_modules. */
  sources?: readonly ModelSource[];
  packagesDir?: string;
}

/** Converts every source whose ONNX file is missing or stale; never throws for one model's failure. */
export function ensureConvertedModels(modelsDir: string, options: EnsureOptions = {}): ConversionReport {
  const log = options.log ?? ((line: string) => console.log(line));
  const report: ConversionReport = { converted: [], reused: [], failed: [] };
  const converters = converterHash();
  const packagesDir = options.packagesDir ?? defaultPackagesDir();
  for (const source of options.sources ?? MODEL_SOURCES) {
    const target = convertedModelPath(modelsDir, source);
    const stampFile = target + STAMP_SUFFIX;
    try {
      const stamp = sourceStamp(source, packagesDir, converters);
      if (!options.force && fs.existsSync(target) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === stamp) {
        report.reused.push(source.id);
        continue;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.tmp-${process.pid}`;
      try {
        writeModel(tmp, convertSource(source, packagesDir));
        fs.rmSync(stampFile, { force: true });
        fs.renameSync(tmp, target);
        fs.writeFileSync(stampFile, stamp + "\n");
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      report.converted.push(source.id);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      fs.rmSync(target, { force: true });
      fs.rmSync(stampFile, { force: true });
      report.failed.push({ id: source.id, error });
      log(`model conversion: ${source.id} from ${source.package} failed, it is not offered: ${error}`);
    }
  }
  return report;
}
