// Test VAE halves of SD 1.5's layout, built by the very generator that writes the full-size fixture
// (lib/onnx/fixtures: buildVaeDecoder / buildVaeEncoder with SD15_ARCHITECTURE.vae) at small widths: 32 groups,
// layers_per_block 2, mid block (ResNet, single-head self-attention, ResNet). The decoder has conv_in, the mid
// block, four up levels of three ResNets each with an upsampling after all but the last, GroupNorm, SiLU,
// conv_out — 30 GroupNorms; the encoder conv_in, four down levels of two ResNets with a downsampling after all
// but the last, the mid block, GroupNorm, SiLU, conv_out, quant_conv — 22. `withGroupNormalization` turns every
// GroupNorm into the single GroupNormalization node of opset ≥ 18 exports.
import { findGroupNorms } from "@/extensions/tiled-vae/groupnorm-graph";
import type { VaeSide } from "@/extensions/tiled-vae/split";
import { SD15_ARCHITECTURE } from "@/lib/onnx/fixtures/architecture";
import { buildVaeDecoder } from "@/lib/onnx/fixtures/vae-decoder";
import { buildVaeEncoder } from "@/lib/onnx/fixtures/vae-encoder";
import { DataType, type ModelProto, type NodeProto } from "@/lib/onnx/proto";

/**
 * SD 1.5's VAE half with block_out_channels `channels` (full resolution first, multiples of 32) instead of SD's
 * [128, 256, 512, 512]: the same graph, a fraction of the cost.
 */
export function buildSdLayoutVae(side: VaeSide, channels: number[] = [32, 32, 64, 64]): ModelProto {
  const config = { ...SD15_ARCHITECTURE.vae, channels };
  return side === "decoder" ? buildVaeDecoder(config, "fp32") : buildVaeEncoder(config, "fp32");
}

/**
 * The same network with each `Reshape → InstanceNormalization → Reshape` replaced by a GroupNormalization node:
 * opset 18's per-group scale and bias (ones and zeros), the Mul/Add affine kept after it.
 */
export function withGroupNormalization(model: ModelProto): ModelProto {
  const sites = findGroupNorms(model);
  const replaced = new Map<number, NodeProto>();
  const initializer = [...model.graph.initializer];
  sites.forEach((site, k) => {
    const ones = `gn18_${k}_scale`;
    const zeros = `gn18_${k}_bias`;
    initializer.push(
      { name: ones, dims: [site.groups], dataType: DataType.FLOAT, rawData: new Uint8Array(new Float32Array(site.groups).fill(1).buffer) },
      { name: zeros, dims: [site.groups], dataType: DataType.FLOAT, rawData: new Uint8Array(new Float32Array(site.groups).buffer) },
    );
    replaced.set(site.nodes[1], {
      opType: "GroupNormalization", name: `gn18_${k}`, input: [site.input, ones, zeros], output: [site.output],
      attribute: [{ name: "num_groups", type: 2, i: site.groups }, { name: "epsilon", type: 1, f: site.epsilon }],
    });
  });
  const drop = new Set(sites.flatMap((s) => s.nodes));
  const node = model.graph.node.flatMap((n, i) => (replaced.has(i) ? [replaced.get(i)!] : drop.has(i) ? [] : [n]));
  return { ...model, opsetImport: [{ domain: "", version: 18 }], graph: { ...model.graph, node, initializer } };
}
