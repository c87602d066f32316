// Fixture extra networks derived from the generated fixture checkpoints (lib/onnx/fixtures), so they follow
// whatever graphs those carry: `VAE/onyx-tiny-warm`, onyx-tiny's VAE decoder with its last convolution's bias
// shifted (a visibly different decode). Each carries the source graph's hash and is rewritten when it changes.
import fs from "node:fs";
import path from "node:path";
import { sha256Of } from "@/lib/models/checkpoints";
import { DataType, type ModelProto } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import { writeModel } from "@/lib/onnx/write";

export const FIXTURE_VAE = "onyx-tiny-warm";
const SOURCE_CHECKPOINT = "onyx-tiny";
const STAMP = ".onyx-network-fixture";
/** What the fixture VAE adds to the decoded image (in [-1, 1]) per channel R, G, B. */
export const FIXTURE_VAE_SHIFT = [0.3, 0.1, -0.2] as const;

/** The decoder with FIXTURE_VAE_SHIFT added to the bias of the Conv that produces its output. */
function warmDecoder(model: ModelProto): ModelProto {
  const graph = model.graph;
  const producer = (name: string) => graph.node.find((n) => n.output.includes(name));
  let node = producer(graph.output[0].name);
  while (node && node.opType !== "Conv") node = producer(node.input[0]);
  const bias = node && graph.initializer.find((t) => t.name === node.input[2]);
  if (!bias?.rawData || bias.dataType !== DataType.FLOAT) throw new Error("fixture VAE: the decoder's last Conv has no float bias initializer");
  const values = new Float32Array(new Uint8Array(bias.rawData).buffer);
  FIXTURE_VAE_SHIFT.forEach((shift, i) => (values[i] += shift));
  bias.rawData = new Uint8Array(values.buffer);
  return model;
}

function writeFixture(target: string, source: string, write: (tmp: string) => void): void {
  const stamp = `${sha256Of(source)}\n`;
  const stampFile = path.join(target, STAMP);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;
  // Hidden while written, so a crash never leaves something that lists as a network.
  const tmp = path.join(path.dirname(target), `.tmp-${path.basename(target)}-${process.pid}`);
  try {
    write(tmp);
    fs.writeFileSync(path.join(tmp, STAMP), stamp);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes the network fixtures that are missing or stale; the fixture checkpoints must exist. */
export function ensureNetworkFixtures(modelsDir: string): void {
  const checkpoint = path.join(modelsDir, "Stable-diffusion", SOURCE_CHECKPOINT);
  const decoder = path.join(checkpoint, "vae_decoder/model.onnx");
  writeFixture(path.join(modelsDir, "VAE", FIXTURE_VAE), decoder, (tmp) => {
    fs.mkdirSync(path.join(tmp, "vae_decoder"), { recursive: true });
    writeModel(path.join(tmp, "vae_decoder/model.onnx"), warmDecoder(readModel(decoder, { loadExternalData: true })));
  });
}
