// GET /sdapi/v1/sd-models: A1111's checkpoint list entries. An ONNX checkpoint is a folder, so
// `filename` is the folder's absolute path; there are no separate config files.
import { listCheckpoints } from "@/lib/models/checkpoints";

export function apiSdModels() {
  return listCheckpoints().map((c) => ({
    title: c.title,
    model_name: c.name,
    hash: c.hash || null,
    sha256: c.sha256 || null,
    filename: c.dir,
    config: null,
  }));
}
