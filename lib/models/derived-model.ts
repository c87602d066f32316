// Rewritten copies of a model's ONNX graphs (clip skip, tiling) are written once per source file
// and variant under <DATA_DIR>/cache/models and reused; large weights go to a file beside the copy,
// so even a 3 GB fp32 UNet stays under protobuf's 2 GB message limit.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import type { ModelProto } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import { writeModel } from "@/lib/onnx/write";

export function derivedModelFile(file: string, variant: string, rewrite: (model: ModelProto) => ModelProto): string {
  const st = fs.statSync(file);
  const key = crypto.createHash("sha256").update(`${path.resolve(file)}:${st.size}:${st.mtimeMs}`).digest("hex").slice(0, 16);
  const name = `${key}-${variant}`;
  const out = path.join(onyxPaths().data, "cache", "models", `${name}.onnx`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  // The graph file is renamed into place last: a copy whose weights were cut short is never used.
  writeModel(tmp, rewrite(readModel(file, { loadExternalData: true })), { externalData: `${name}.weights` });
  fs.renameSync(tmp, out);
  return out;
}
