// Test VAE halves of SD's real layout at small widths: the decoder has conv_in, a mid block (ResNet,
// single-head self-attention, ResNet), four up levels of three ResNets each with an upsampling after all but
// the last, GroupNorm, SiLU, conv_out — 30 GroupNorms of 32 groups, as SD's VAE decoder. `withGroupNormalization`
// turns every GroupNorm into the single GroupNormalization node of opset ≥ 18 exports.
import { attention, conv2d, fromTokens, groupNorm, resnetBlock, silu, toTokens, upsample2x } from "@/lib/onnx/graph-blocks";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { DataType, type ModelProto, type NodeProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";
import { findGroupNorms } from "@/extensions/tiled-vae/groupnorm-graph";

const GROUPS = 32;
const EPSILON = 1e-6;

export function buildSdLayoutDecoder(channels: readonly number[] = [64, 64, 32, 32]): ModelProto {
  const b = new GraphBuilder({ seed: 77 });
  const latent = b.input("latent_sample", ["batch_size", 4, "height", "width"]);
  const options = { groups: GROUPS, epsilon: EPSILON };
  const top = channels[0];
  let h = conv2d(b, conv2d(b, latent, 4, 4, "post_quant_conv", { kernel: 1 }), 4, top, "decoder.conv_in");
  h = b.scope("decoder.mid_block", () => {
    const first = resnetBlock(b, h, top, top, "resnets.0", options);
    const normed = b.scope("attentions.0", () => groupNorm(b, first, top, GROUPS, "group_norm", EPSILON));
    const attended = attention(b, toTokens(b, normed, top), top, 1, "attentions.0", { qkvBias: true, outGain: 0.5 });
    const withResidual = b.scope("attentions.0", () => b.node("Add", [fromTokens(b, attended, first), first]));
    return resnetBlock(b, withResidual, top, top, "resnets.1", options);
  });
  channels.forEach((out, level) => {
    h = b.scope(`decoder.up_blocks.${level}`, () => {
      let x = h;
      for (let r = 0; r < 3; r++) x = resnetBlock(b, x, r === 0 ? channels[Math.max(0, level - 1)] : out, out, `resnets.${r}`, options);
      return level < channels.length - 1 ? upsample2x(b, x, out, "upsamplers.0") : x;
    });
  });
  const last = channels[channels.length - 1];
  const image = conv2d(b, silu(b, groupNorm(b, h, last, GROUPS, "decoder.conv_norm_out", EPSILON)), last, 3, "decoder.conv_out", { gain: 0.35 });
  b.output(image, "sample", ["batch_size", 3, "height_x8", "width_x8"]);
  return createModel(b.build("main_graph"));
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
