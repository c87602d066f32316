// The width of a text encoder's token embeddings (768 for SD1, 1024 for SD2): what a textual-inversion vector must
// have to be used (A1111's `expected_shape`, docs/textual-inversion.md#loaded-and-skipped). Known without loading the
// model: `text_encoder/config.json`'s hidden_size as Optimum writes it, else the token-embedding table's second dim.
import fs from "node:fs";
import path from "node:path";
import type { ModelFolder } from "@/lib/models/model-folder";
import { tokenEmbeddingGather } from "@/lib/models/token-embeds-graph";
import { readModel } from "@/lib/onnx/read";

const fromGraph = new Map<string, number>();

export function textEncoderWidth(folder: Pick<ModelFolder, "textEncoder">): number {
  const config = path.join(path.dirname(folder.textEncoder), "config.json");
  try {
    const hidden = JSON.parse(fs.readFileSync(config, "utf8")).hidden_size;
    if (Number.isInteger(hidden) && hidden > 0) return hidden;
  } catch {
    // no config, or not JSON: the graph says it
  }
  const st = fs.statSync(folder.textEncoder);
  const key = `${folder.textEncoder}:${st.size}:${st.mtimeMs}`;
  let width = fromGraph.get(key);
  if (width === undefined) fromGraph.set(key, (width = Number(tokenEmbeddingGather(readModel(folder.textEncoder).graph).table.dims[1])));
  return width;
}
