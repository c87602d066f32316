// A YOLO-format fixture detector, so the YOLO path runs without real weights (docs/detection.md#the-yolo-fixture). It has the
// exact interface of an ultralytics export — input `images` [1, 3, 640, 640], `output0` [1, 4 + 2 (+ 32), 400],
// for the seg variant `output1` [1, 32, 160, 160], class names in the `names` metadata — and a transparent
// rule instead of learned weights: the picture is cut into 32-pixel cells (one candidate each, 20 × 20), a cell
// scores as "red" (class 0) or "green" (class 1) by how much of it is that colour, and its box is the cell
// itself. Mask prototype 0 is high on coloured (non-grey) pixels and every candidate's coefficients select it,
// so a mask is the coloured part of the cell.
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import type { ModelProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";

const YOLO_FIXTURE_SIZE = 640;
const YOLO_FIXTURE_CELL = 32;
export const YOLO_FIXTURE_NAMES = ["red", "green"];
const GRID = YOLO_FIXTURE_SIZE / YOLO_FIXTURE_CELL;
const PROTO_STRIDE = 4;
const COEFFICIENTS = 32;

function averagePool(b: GraphBuilder, x: string, size: number): string {
  return b.node("AveragePool", [x], { kernel_shape: [size, size], strides: [size, size] });
}

/** 1×1 conv with the given [out][in] weights and biases. */
function mix(b: GraphBuilder, x: string, name: string, weights: number[][], bias: number[]): string {
  const w = b.parameter(`${name}.weight`, [weights.length, weights[0].length, 1, 1], Float32Array.from(weights.flat()));
  return b.node("Conv", [x, w, b.parameter(`${name}.bias`, [bias.length], Float32Array.from(bias))], { kernel_shape: [1, 1] });
}

export function buildYoloFixture(options: { segmentation: boolean }): ModelProto {
  const b = new GraphBuilder({ seed: 0 });
  const images = b.input("images", [1, 3, YOLO_FIXTURE_SIZE, YOLO_FIXTURE_SIZE]);
  const cells = averagePool(b, images, YOLO_FIXTURE_CELL);
  // Class score: sigmoid(24 · (colour − mean of the other two − 0.25)): a full cell ≈ 1, a quarter 0.5, grey ≈ 0.
  const scores = b.node("Sigmoid", [mix(b, cells, "cls", [[24, -12, -12], [-12, 24, -12]], [-6, -6])]);
  const centre = Array.from({ length: GRID }, (_, i) => i * YOLO_FIXTURE_CELL + YOLO_FIXTURE_CELL / 2);
  const cx = b.floatConstant(Float32Array.from({ length: GRID * GRID }, (_, i) => centre[i % GRID]), [1, 1, GRID, GRID]);
  const cy = b.floatConstant(Float32Array.from({ length: GRID * GRID }, (_, i) => centre[Math.floor(i / GRID)]), [1, 1, GRID, GRID]);
  const side = b.floatConstant(new Float32Array(GRID * GRID).fill(YOLO_FIXTURE_CELL), [1, 1, GRID, GRID]);
  const rows = [cx, cy, side, side, scores];
  if (options.segmentation) rows.push(b.floatConstant(Float32Array.from({ length: COEFFICIENTS * GRID * GRID }, (_, i) => (i < GRID * GRID ? 1 : 0)), [1, COEFFICIENTS, GRID, GRID]));
  const channels = 4 + YOLO_FIXTURE_NAMES.length + (options.segmentation ? COEFFICIENTS : 0);
  const predictions = b.node("Reshape", [b.node("Concat", rows, { axis: 1 }), b.int64Constant([1, channels, GRID * GRID])]);
  b.output(predictions, "output0", [1, channels, GRID * GRID]);
  if (options.segmentation) {
    // Prototype 0 = 20 · (|R − G| + |G − B| − 0.5): +10 or more on saturated colours, −10 on grey; the rest 0.
    const pooled = averagePool(b, images, PROTO_STRIDE);
    const differences = b.node("Abs", [mix(b, pooled, "proto_diff", [[1, -1, 0], [0, 1, -1]], [0, 0])]);
    const saturation = mix(b, differences, "proto_sum", [[20, 20]], [-10]);
    const protos = b.node("Pad", [saturation, b.int64Constant([0, 0, 0, 0, 0, COEFFICIENTS - 1, 0, 0])], { mode: "constant" });
    b.output(protos, "output1", [1, COEFFICIENTS, YOLO_FIXTURE_SIZE / PROTO_STRIDE, YOLO_FIXTURE_SIZE / PROTO_STRIDE]);
  }
  const names = `{${YOLO_FIXTURE_NAMES.map((n, i) => `${i}: '${n}'`).join(", ")}}`;
  return createModel(b.build("main_graph"), { names, task: options.segmentation ? "segment" : "detect", imgsz: `[${YOLO_FIXTURE_SIZE}, ${YOLO_FIXTURE_SIZE}]` });
}
