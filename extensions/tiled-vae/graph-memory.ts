// What memory-plan.ts needs to know of a VAE half's graph (docs/tiled-vae.md#memory): whether its
// latent-resolution part holds an attention, the channels of that part's activations, and the channels of the
// widest tensor a tile holds at the picture's resolution, read off the convolutions' weights.
import type { ModelProto } from "@onyx/sdk";
import type { SegmentPlan } from "./groupnorm-graph";
import type { PartMemory } from "./memory-plan";
import type { VaeSide } from "./split";

/** The graph's Conv nodes in order, each with its weight's [out, in] channels and kernel height. */
function convChannels(model: ModelProto, nodes = model.graph.node): Array<{ out: number; in: number; kernel: number }> {
  const weights = new Map(model.graph.initializer.map((t) => [t.name, t]));
  return nodes.filter((n) => n.opType === "Conv").map((n) => {
    const dims = weights.get(n.input[1])?.dims ?? [];
    return { out: Number(dims[0] ?? 0), in: Number(dims[1] ?? 0), kernel: Number(dims[2] ?? 1) };
  });
}

/**
 * The channels of a tile's widest picture-resolution tensor. Encoder: conv_in's output (SD: 128). Decoder: the
 * wider of conv_out's input (the last 3×3 convolution making the picture's channels; SD: 128) and the input of the
 * last convolution that changes the channel count otherwise (SD: 256, the upsampled tensor its full-resolution
 * level starts from) — a colour path's 1×1 convolution and those reading the latent's channels left out.
 */
function outputChannels(model: ModelProto, side: VaeSide): number {
  const convs = convChannels(model);
  if (convs.length === 0) return 0;
  if (side === "encoder") return convs[0].out;
  const [picture, latent] = [convs[convs.length - 1].out, convs[0].in];
  const convOut = convs.findLast((c) => c.out === picture && c.kernel > 1)?.in ?? 0;
  const widening = convs.findLast((c) => c.in !== c.out && c.out !== picture && c.in !== latent)?.in ?? 0;
  return Math.max(convOut, widening);
}

/** The memory figures of `side`'s graph whose latent-resolution part is the segments [from, to). */
export function partMemory(model: ModelProto, plan: SegmentPlan, side: VaeSide, from: number, to: number): PartMemory {
  const nodes = plan.segments.slice(from, to).flatMap((s) => s.nodes.map((i) => model.graph.node[i]));
  return {
    latentAttention: nodes.some((n) => n.opType === "Softmax"),
    latentChannels: Math.max(0, ...convChannels(model, nodes).map((c) => c.out)),
    outputChannels: outputChannels(model, side),
  };
}
