// Rewritten copies of a model's ONNX graphs (clip skip, tiling, chunked attention) are written once
// per source file and variant under <DATA_DIR>/cache/models and reused. Weights the source keeps in
// external files are not read: the copy refers to hard links of those files placed beside it
// (onnxruntime refuses external data reached through a symlink out of the model's folder), so a
// derived 3 GB UNet costs a few kilobytes and no copy of its weights. Inline weights move to a file
// beside the copy, so it stays under protobuf's 2 GB message limit. A LoRA-patched graph's variants are built in
// memory instead, as the patched graph itself is (patched-graph.ts): nothing is written for them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import type { SessionModel } from "@/lib/models/onnx-session";
import { patchedModel, type GraphSource } from "@/lib/models/patched-graph";
import { DataLocation, type ModelProto, type TensorProto } from "@/lib/onnx/proto";
import { externalLocation, readModel } from "@/lib/onnx/read";
import { writeModel } from "@/lib/onnx/write";

/** A rewrite returns null when the source needs no change for this variant (the source itself is then used). */
export type GraphRewrite = (model: ModelProto) => ModelProto | null;

/** Hard-links (or, across file systems, copies) `source` to `target` unless it is already there. */
function linkInto(source: string, target: string): void {
  if (fs.existsSync(target)) return;
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.linkSync(source, tmp);
  } catch {
    fs.copyFileSync(source, tmp);
  }
  fs.renameSync(tmp, target);
}

/** The initializers with their external files linked beside `out` under names unique to this copy. */
function relinkExternalData(model: ModelProto, sourceDir: string, out: string, name: string): TensorProto[] {
  const linked = new Map<string, string>();
  return model.graph.initializer.map((tensor) => {
    const external = externalLocation(tensor);
    if (!external) return tensor;
    let location = linked.get(external.location);
    if (!location) {
      location = `${name}-${linked.size}-${path.basename(external.location)}`;
      linkInto(path.join(sourceDir, external.location), path.join(path.dirname(out), location));
      linked.set(external.location, location);
    }
    const entries = (tensor.externalData ?? []).map((e) => (e.key === "location" ? { ...e, value: location } : e));
    return { ...tensor, dataLocation: DataLocation.EXTERNAL, externalData: entries };
  });
}

/** Where the copy of `file` for `variant` is cached, and whether it is there already (no rewrite needed). */
function derivedModelCached(file: string, variant: string): { name: string; out: string; cached: boolean } {
  const st = fs.statSync(file);
  const key = crypto.createHash("sha256").update(`${path.resolve(file)}:${st.size}:${st.mtimeMs}`).digest("hex").slice(0, 16);
  const name = `${key}-${variant}`;
  const out = path.join(onyxPaths().data, "cache", "models", `${name}.onnx`);
  return { name, out, cached: fs.existsSync(out) || fs.existsSync(`${out}.unchanged`) };
}

export function derivedModelFile(file: string, variant: string, rewrite: GraphRewrite): string {
  const { name, out } = derivedModelCached(file, variant);
  const unchanged = `${out}.unchanged`;
  if (fs.existsSync(out)) return out;
  if (fs.existsSync(unchanged)) return file;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const rewritten = rewrite(readModel(file));
  if (!rewritten) {
    fs.writeFileSync(unchanged, "");
    return file;
  }
  const model = { ...rewritten, graph: { ...rewritten.graph, initializer: relinkExternalData(rewritten, path.dirname(file), out, name) } };
  const tmp = `${out}.${process.pid}.tmp`;
  // The graph file is renamed into place last: a copy whose weights were cut short is never used.
  writeModel(tmp, model, { externalData: `${name}.weights` });
  fs.renameSync(tmp, out);
  return out;
}

/** The model to open for `variant` of `source`: the cached copy of a file, or a patched graph's in-memory model. */
export function derivedSessionModel(source: GraphSource, variant: string, rewrite: GraphRewrite): SessionModel {
  return typeof source === "string" ? derivedModelFile(source, variant, rewrite) : patchedModel(source, rewrite);
}
