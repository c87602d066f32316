// Tiling (seamless textures, A1111's "Tiling" option): A1111 switches every Conv2d of the UNet and
// the VAE to circular padding. This rewrite does the same to an exported graph: each 2-D Conv with
// padding gets its input wrapped around — the last columns/rows copied in front and the first ones
// behind, with Slice + Concat so it works at any opset — and its own padding set to zero. A graph it
// cannot rewrite that way (padding left to `auto_pad`, a Conv that pads other than in 2-D, or no padded
// Conv at all) is refused with TilingUnsupported: such a model runs untiled and the job says so.
import { INT64_MAX, int64Tensor } from "@/lib/models/graph-edit";
import { AttributeType, type Attribute, type ModelProto, type NodeProto, type TensorProto } from "@/lib/onnx/proto";

function pads(node: NodeProto): Attribute | undefined {
  return node.attribute?.find((a) => a.name === "pads");
}

export class TilingUnsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "TilingUnsupported";
  }
}

const decoder = new TextDecoder();

/** [top, left, bottom, right] of a 2-D Conv's `pads`, or null when it pads nothing; throws for padding the rewrite cannot wrap. */
function convPadding(node: NodeProto): [number, number, number, number] | null {
  if (node.opType !== "Conv") return null;
  const autoPad = node.attribute?.find((a) => a.name === "auto_pad")?.s;
  const mode = autoPad ? decoder.decode(autoPad) : "NOTSET";
  if (mode === "SAME_UPPER" || mode === "SAME_LOWER") throw new TilingUnsupported(`Conv ${node.name ?? ""} pads by auto_pad ${mode}`);
  const p = pads(node)?.ints;
  if (!p || p.every((v) => v === 0)) return null;
  const kernel = node.attribute?.find((a) => a.name === "kernel_shape")?.ints;
  if (p.length !== 4 || (kernel && kernel.length !== 2)) throw new TilingUnsupported(`Conv ${node.name ?? ""} pads in ${p.length / 2} dimensions`);
  return [p[0], p[1], p[2], p[3]];
}

/** A copy of the model whose padded 2-D convolutions pad circularly; TilingUnsupported when it has none or pads otherwise. */
export function withCircularPadding(model: ModelProto): ModelProto {
  const graph = model.graph;
  const initializers: TensorProto[] = [];
  const constant = (name: string, values: number[]) => (initializers.push(int64Tensor(name, values)), name);
  const nodes: NodeProto[] = [];
  let count = 0;
  for (const node of graph.node) {
    const padding = convPadding(node);
    if (!padding) {
      nodes.push(node);
      continue;
    }
    const id = `onyx_tiling_${count++}`;
    const [top, left, bottom, right] = padding;
    /** Concatenates the last `before` and first `after` slices along `axis` around `x`. */
    const wrap = (x: string, axis: number, before: number, after: number, tag: string): string => {
      if (before === 0 && after === 0) return x;
      const parts: string[] = [];
      const axes = constant(`${id}_${tag}_axes`, [axis]);
      if (before > 0) {
        const head = `${id}_${tag}_head`;
        nodes.push({ opType: "Slice", name: head, input: [x, constant(`${head}_starts`, [-before]), constant(`${head}_ends`, [INT64_MAX]), axes], output: [head] });
        parts.push(head);
      }
      parts.push(x);
      if (after > 0) {
        const tail = `${id}_${tag}_tail`;
        nodes.push({ opType: "Slice", name: tail, input: [x, constant(`${tail}_starts`, [0]), constant(`${tail}_ends`, [after]), axes], output: [tail] });
        parts.push(tail);
      }
      const out = `${id}_${tag}`;
      nodes.push({ opType: "Concat", name: out, input: parts, output: [out], attribute: [{ name: "axis", type: AttributeType.INT, i: axis }] });
      return out;
    };
    const wrapped = wrap(wrap(node.input[0], 3, left, right, "w"), 2, top, bottom, "h");
    nodes.push({
      ...node,
      input: [wrapped, ...node.input.slice(1)],
      attribute: node.attribute!.map((a) => (a.name === "pads" ? { ...a, ints: [0, 0, 0, 0] } : a)),
    });
  }
  if (count === 0) throw new TilingUnsupported("the graph has no padded 2-D Conv");
  return { ...model, graph: { ...graph, node: nodes, initializer: [...graph.initializer, ...initializers] } };
}
