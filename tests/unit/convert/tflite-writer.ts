// Writes small TensorFlow Lite models for the converter's tests with the flatbuffers Builder, by the field
// indices of TFLite's schema.fbs: a subgraph of tensors (constants get their own buffer) and operators with
// their builtin options. Independent of the reader under test, which uses vtable slots.
import { Builder } from "flatbuffers";
import { BuiltinOperator } from "@/lib/convert/tflite-model";

export interface TestTensor {
  name: string;
  shape: number[];
  /** schema.fbs TensorType (0 float32, 1 float16, 2 int32). */
  type?: number;
  data?: Float32Array | Int32Array | Uint16Array;
}

type Options =
  | { kind: "conv"; padding: number; strideW: number; strideH: number; activation?: number; dilationW?: number; dilationH?: number }
  | { kind: "depthwise"; padding: number; strideW: number; strideH: number; depthMultiplier: number; activation?: number }
  | { kind: "pool"; padding: number; strideW: number; strideH: number; filterW: number; filterH: number; activation?: number }
  | { kind: "concat"; axis: number; activation?: number }
  | { kind: "add"; activation?: number }
  | { kind: "resize"; alignCorners: boolean; halfPixelCenters: boolean };

export interface TestOperator {
  /** A BuiltinOperator name, or a raw code for operators the reader has no name for. */
  op: keyof typeof BuiltinOperator | number;
  inputs: number[];
  outputs: number[];
  options?: Options;
}

export interface TestModel {
  tensors: TestTensor[];
  operators: TestOperator[];
  inputs: number[];
  outputs: number[];
}

// BuiltinOptions union member indices.
const OPTION_TYPES = { conv: 1, depthwise: 2, pool: 5, concat: 10, add: 11, resize: 15 } as const;

function int32Vector(b: Builder, values: number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]);
  return b.endVector();
}

function offsetVector(b: Builder, offsets: number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

/** Fields 0–2 of Conv2DOptions, DepthwiseConv2DOptions and Pool2DOptions alike: padding, stride_w, stride_h. */
function addWindow(b: Builder, o: { padding: number; strideW: number; strideH: number }): void {
  b.addFieldInt8(0, o.padding, 0);
  b.addFieldInt32(1, o.strideW, 0);
  b.addFieldInt32(2, o.strideH, 0);
}

function writeOptions(b: Builder, o: Options): number {
  switch (o.kind) {
    case "conv":
      b.startObject(6);
      addWindow(b, o);
      b.addFieldInt8(3, o.activation ?? 0, 0);
      b.addFieldInt32(4, o.dilationW ?? 1, 1);
      b.addFieldInt32(5, o.dilationH ?? 1, 1);
      return b.endObject();
    case "depthwise":
      b.startObject(7);
      addWindow(b, o);
      b.addFieldInt32(3, o.depthMultiplier, 0);
      b.addFieldInt8(4, o.activation ?? 0, 0);
      return b.endObject();
    case "pool":
      b.startObject(6);
      addWindow(b, o);
      b.addFieldInt32(3, o.filterW, 0);
      b.addFieldInt32(4, o.filterH, 0);
      b.addFieldInt8(5, o.activation ?? 0, 0);
      return b.endObject();
    case "concat":
      b.startObject(2);
      b.addFieldInt32(0, o.axis, 0);
      b.addFieldInt8(1, o.activation ?? 0, 0);
      return b.endObject();
    case "add":
      b.startObject(2);
      b.addFieldInt8(0, o.activation ?? 0, 0);
      return b.endObject();
    case "resize":
      b.startObject(4);
      b.addFieldInt8(2, o.alignCorners ? 1 : 0, 0);
      b.addFieldInt8(3, o.halfPixelCenters ? 1 : 0, 0);
      return b.endObject();
  }
}

export function writeTflite(model: TestModel): Uint8Array {
  const b = new Builder(1024);
  const codes = [...new Set(model.operators.map((o) => (typeof o.op === "number" ? o.op : BuiltinOperator[o.op])))];
  const codeOffsets = codes.map((code) => {
    b.startObject(4);
    b.addFieldInt8(0, Math.min(code, 127), 0);
    b.addFieldInt32(2, 1, 1);
    b.addFieldInt32(3, code, 0);
    return b.endObject();
  });
  // Buffer 0 is the empty buffer by convention; each constant tensor gets the next one.
  const buffers: number[] = [];
  b.startObject(1);
  buffers.push(b.endObject());
  const tensorOffsets = model.tensors.map((t) => {
    let bufferIndex = 0;
    if (t.data) {
      const bytes = b.createByteVector(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      b.startObject(1);
      b.addFieldOffset(0, bytes, 0);
      buffers.push(b.endObject());
      bufferIndex = buffers.length - 1;
    }
    const name = b.createString(t.name);
    const shape = int32Vector(b, t.shape);
    b.startObject(4);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, t.type ?? 0, 0);
    b.addFieldInt32(2, bufferIndex, 0);
    b.addFieldOffset(3, name, 0);
    return b.endObject();
  });
  const operatorOffsets = model.operators.map((o) => {
    const inputs = int32Vector(b, o.inputs);
    const outputs = int32Vector(b, o.outputs);
    const options = o.options ? writeOptions(b, o.options) : 0;
    b.startObject(5);
    b.addFieldInt32(0, codes.indexOf(typeof o.op === "number" ? o.op : BuiltinOperator[o.op]), 0);
    b.addFieldOffset(1, inputs, 0);
    b.addFieldOffset(2, outputs, 0);
    if (o.options) {
      b.addFieldInt8(3, OPTION_TYPES[o.options.kind], 0);
      b.addFieldOffset(4, options, 0);
    }
    return b.endObject();
  });
  const tensors = offsetVector(b, tensorOffsets);
  const inputs = int32Vector(b, model.inputs);
  const outputs = int32Vector(b, model.outputs);
  const operators = offsetVector(b, operatorOffsets);
  b.startObject(5);
  b.addFieldOffset(0, tensors, 0);
  b.addFieldOffset(1, inputs, 0);
  b.addFieldOffset(2, outputs, 0);
  b.addFieldOffset(3, operators, 0);
  const subgraph = b.endObject();
  const codesVector = offsetVector(b, codeOffsets);
  const subgraphs = offsetVector(b, [subgraph]);
  const buffersVector = offsetVector(b, buffers);
  b.startObject(5);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, codesVector, 0);
  b.addFieldOffset(2, subgraphs, 0);
  b.addFieldOffset(4, buffersVector, 0);
  b.finish(b.endObject(), "TFL3");
  return b.asUint8Array().slice();
}
