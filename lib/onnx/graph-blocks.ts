// Building blocks of the SD architectures, emitted with the op patterns of real torch → ONNX exports.
// Weights are N(0, gain²/fan_in): unit-variance activations keep unit variance through a layer, and
// residual branches get gains below 1, so a deep fixture stays finite at any size without being flat.
import type { GraphBuilder } from "@/lib/onnx/graph-builder";
import { DataType } from "@/lib/onnx/proto";

export interface InitOptions {
  /** Standard deviation multiplier on top of 1/sqrt(fan_in). */
  gain?: number;
}

/** torch.nn.Linear as exported: MatMul with the transposed weight [in, out], then Add(bias). */
export function linear(b: GraphBuilder, x: string, inFeatures: number, outFeatures: number, name: string, options: InitOptions & { bias?: boolean } = {}): string {
  return b.scope(name, () => {
    const weight = b.randomParameter("weight", [inFeatures, outFeatures], (options.gain ?? 1) / Math.sqrt(inFeatures));
    const product = b.node("MatMul", [x, weight]);
    if (options.bias === false) return product;
    return b.node("Add", [b.randomParameter("bias", [outFeatures], 0.02), product]);
  });
}

export function conv2d(
  b: GraphBuilder, x: string, inChannels: number, outChannels: number, name: string,
  options: InitOptions & { kernel?: number; stride?: number } = {},
): string {
  const kernel = options.kernel ?? 3;
  const pad = (kernel - 1) >> 1;
  return b.scope(name, () => {
    const weight = b.randomParameter("weight", [outChannels, inChannels, kernel, kernel], (options.gain ?? 1) / Math.sqrt(inChannels * kernel * kernel));
    const bias = b.randomParameter("bias", [outChannels], 0.02);
    return b.node("Conv", [x, weight, bias], {
      dilations: [1, 1], group: 1, kernel_shape: [kernel, kernel], pads: [pad, pad, pad, pad], strides: [options.stride ?? 1, options.stride ?? 1],
    });
  });
}

function ones(n: number): Float32Array {
  return new Float32Array(n).fill(1);
}

/**
 * torch.nn.GroupNorm as the standard exporter writes it at every opset: normalise [N, groups, -1] with
 * InstanceNormalization (scale 1, bias 0), reshape back through Shape(x) so spatial size stays dynamic,
 * then the per-channel affine as Mul + Add on [C, 1, 1].
 */
export function groupNorm(b: GraphBuilder, x: string, channels: number, groups: number, name: string, epsilon = 1e-5): string {
  return b.scope(name, () => {
    const grouped = b.node("Reshape", [x, b.int64Constant([0, groups, -1])]);
    const normalized = b.node("InstanceNormalization", [grouped, b.floatConstant(ones(groups), [groups]), b.floatConstant(new Float32Array(groups), [groups])], { epsilon: { float: epsilon } });
    const restored = b.node("Reshape", [normalized, b.node("Shape", [x])]);
    const gamma = b.parameter("weight", [channels, 1, 1], perturbed(b, channels, 1));
    const beta = b.parameter("bias", [channels, 1, 1], perturbed(b, channels, 0));
    return b.node("Add", [b.node("Mul", [restored, gamma]), beta]);
  });
}

/** Norm affine parameters near their init (1 or 0) with a small deterministic spread, so channels differ. */
function perturbed(b: GraphBuilder, count: number, center: number): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = center + 0.1 * Math.sin(1.7 * i + 0.3 * b.initializers.length);
  return values;
}

export function layerNorm(b: GraphBuilder, x: string, features: number, name: string, epsilon = 1e-5): string {
  return b.scope(name, () => {
    const weight = b.parameter("weight", [features], perturbed(b, features, 1));
    const bias = b.parameter("bias", [features], perturbed(b, features, 0));
    return b.node("LayerNormalization", [x, weight, bias], { axis: -1, epsilon: { float: epsilon } });
  });
}

/** SiLU as exported: x · Sigmoid(x). */
export function silu(b: GraphBuilder, x: string): string {
  return b.node("Mul", [x, b.node("Sigmoid", [x])]);
}

/** Exact GELU as exported before opset 20: x · 0.5 · (1 + erf(x / √2)). */
export function gelu(b: GraphBuilder, x: string): string {
  const erf = b.node("Erf", [b.node("Div", [x, b.floatConstant([Math.SQRT2])])]);
  const onePlus = b.node("Add", [erf, b.floatConstant([1])]);
  return b.node("Mul", [b.node("Mul", [x, onePlus]), b.floatConstant([0.5])]);
}

/** CLIP's quick GELU: x · sigmoid(1.702 x). */
export function quickGelu(b: GraphBuilder, x: string): string {
  return b.node("Mul", [x, b.node("Sigmoid", [b.node("Mul", [x, b.floatConstant([1.702])])])]);
}

export interface AttentionOptions {
  /** Keys/values come from here (cross-attention); self-attention when absent. */
  context?: { value: string; features: number };
  /** Additive mask broadcast onto the [B, heads, S, T] scores (CLIP's causal mask). */
  mask?: string;
  qkvBias?: boolean;
  outGain?: number;
  /** Module names of the four projections: diffusers' to_q/to_k/to_v/to_out.0 unless given (CLIP's are CLIP_PROJECTIONS). */
  projections?: AttentionProjections;
}

export interface AttentionProjections {
  q: string;
  k: string;
  v: string;
  out: string;
}

/** diffusers' Attention module (UNet transformer blocks, VAE mid-block attention). */
export const DIFFUSERS_PROJECTIONS: AttentionProjections = { q: "to_q", k: "to_k", v: "to_v", out: "to_out.0" };
/** transformers' CLIPAttention, the names LoRA files and real text-encoder exports use (docs/onnx-format.md#node-names). */
export const CLIP_PROJECTIONS: AttentionProjections = { q: "q_proj", k: "k_proj", v: "v_proj", out: "out_proj" };

/**
 * Multi-head attention on [B, S, features]: projections, split heads with Reshape([0, -1, heads, d]) +
 * Transpose, softmax(Q·Kᵀ·d^-½ + mask)·V, merge heads, output projection. Every reshape keeps batch
 * and sequence dynamic.
 */
export function attention(b: GraphBuilder, x: string, features: number, heads: number, name: string, options: AttentionOptions = {}): string {
  const headDim = features / heads;
  return b.scope(name, () => {
    const source = options.context ?? { value: x, features };
    const bias = options.qkvBias ?? false;
    const names = options.projections ?? DIFFUSERS_PROJECTIONS;
    const q = linear(b, x, features, features, names.q, { bias });
    const k = linear(b, source.value, source.features, features, names.k, { bias });
    const v = linear(b, source.value, source.features, features, names.v, { bias });
    const headShape = b.int64Constant([0, -1, heads, headDim]);
    const split = (value: string, perm: number[]) => b.node("Transpose", [b.node("Reshape", [value, headShape])], { perm });
    const scores = b.node("Mul", [b.node("MatMul", [split(q, [0, 2, 1, 3]), split(k, [0, 2, 3, 1])]), b.floatConstant([1 / Math.sqrt(headDim)])]);
    const masked = options.mask ? b.node("Add", [scores, options.mask]) : scores;
    const weights = b.node("Softmax", [masked], { axis: -1 });
    const merged = b.node("Reshape", [b.node("Transpose", [b.node("MatMul", [weights, split(v, [0, 2, 1, 3])])], { perm: [0, 2, 1, 3] }), b.int64Constant([0, -1, features])]);
    return linear(b, merged, features, features, names.out, { gain: options.outGain ?? 1 });
  });
}

/** [B, C, H, W] → [B, H·W, C] tokens, and back to the shape of `like`. */
export function toTokens(b: GraphBuilder, x: string, channels: number): string {
  return b.node("Transpose", [b.node("Reshape", [x, b.int64Constant([0, channels, -1])])], { perm: [0, 2, 1] });
}

export function fromTokens(b: GraphBuilder, tokens: string, like: string): string {
  return b.node("Reshape", [b.node("Transpose", [tokens], { perm: [0, 2, 1] }), b.node("Shape", [like])]);
}

export interface ResnetOptions {
  groups: number;
  /** Timestep embedding [B, tembFeatures] added per channel after the first conv (UNet), absent in the VAE. */
  temb?: { value: string; features: number };
  /** Gain of the residual branch's last conv. */
  residualGain?: number;
  epsilon?: number;
}

/** ResnetBlock2D: GN → SiLU → conv1 (+ temb projection) → GN → SiLU → conv2, plus the (1×1-projected) input. */
export function resnetBlock(b: GraphBuilder, x: string, inChannels: number, outChannels: number, name: string, options: ResnetOptions): string {
  return b.scope(name, () => {
    let h = conv2d(b, silu(b, groupNorm(b, x, inChannels, options.groups, "norm1", options.epsilon)), inChannels, outChannels, "conv1");
    if (options.temb) {
      const projected = linear(b, silu(b, options.temb.value), options.temb.features, outChannels, "time_emb_proj", { gain: 0.5 });
      h = b.node("Add", [h, b.node("Unsqueeze", [projected, b.int64Constant([2, 3])])]);
    }
    h = groupNorm(b, h, outChannels, options.groups, "norm2", options.epsilon);
    h = conv2d(b, silu(b, h), outChannels, outChannels, "conv2", { gain: options.residualGain ?? 0.4 });
    const shortcut = inChannels === outChannels ? x : conv2d(b, x, inChannels, outChannels, "conv_shortcut", { kernel: 1 });
    return b.node("Add", [shortcut, h]);
  });
}

/** Upsample2D: nearest ×2 Resize (empty roi, scales input) then a 3×3 conv. */
export function upsample2x(b: GraphBuilder, x: string, channels: number, name: string): string {
  return b.scope(name, () => {
    const resized = b.node("Resize", [x, "", floatScales(b, [1, 1, 2, 2])], { mode: "nearest", nearest_mode: "floor", coordinate_transformation_mode: "asymmetric" });
    return conv2d(b, resized, channels, channels, "conv");
  });
}

/** Resize's scales input is float32 whatever the graph's float type, so it is a Constant node, not a weight. */
export function floatScales(b: GraphBuilder, scales: number[]): string {
  return b.node("Constant", [], { value: { tensor: { dims: [scales.length], dataType: DataType.FLOAT, floatData: scales } } });
}

/** Downsample2D: a stride-2 3×3 conv. */
export function downsample2x(b: GraphBuilder, x: string, channels: number, name: string): string {
  return b.scope(name, () => conv2d(b, x, channels, channels, "conv", { stride: 2 }));
}
