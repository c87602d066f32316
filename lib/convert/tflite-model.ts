// Reads a TensorFlow Lite model (a FlatBuffer with TFLite's schema.fbs) into plain objects: the first
// subgraph's tensors, operators with their builtin code and decoded options, and the constant buffers.
// Only the tables and option types a converter needs are decoded, by their vtable slots (slot = 4 + 2 × the
// field's index in schema.fbs; a union takes two slots, its type then its value). docs/converters.md#tensorflow-lite.
import { ByteBuffer } from "flatbuffers";

/** schema.fbs TensorType values the converters handle. */
export const TensorType = { FLOAT32: 0, FLOAT16: 1, INT32: 2, UINT8: 3, INT64: 4, INT8: 9 } as const;

/** schema.fbs BuiltinOperator codes with converters. */
export const BuiltinOperator = {
  ADD: 0,
  CONCATENATION: 2,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  DEQUANTIZE: 6,
  LOGISTIC: 14,
  MAX_POOL_2D: 17,
  MUL: 18,
  RELU: 19,
  RELU6: 21,
  RESHAPE: 22,
  RESIZE_BILINEAR: 23,
  PAD: 34,
} as const;

/** Every BuiltinOperator name by code up to BATCH_MATMUL (126), so that an unsupported one is named in errors. */
const BUILTIN_NAMES = [
  "ADD AVERAGE_POOL_2D CONCATENATION CONV_2D DEPTHWISE_CONV_2D DEPTH_TO_SPACE DEQUANTIZE EMBEDDING_LOOKUP",
  "FLOOR FULLY_CONNECTED HASHTABLE_LOOKUP L2_NORMALIZATION L2_POOL_2D LOCAL_RESPONSE_NORMALIZATION LOGISTIC",
  "LSH_PROJECTION LSTM MAX_POOL_2D MUL RELU RELU_N1_TO_1 RELU6 RESHAPE RESIZE_BILINEAR RNN SOFTMAX",
  "SPACE_TO_DEPTH SVDF TANH CONCAT_EMBEDDINGS SKIP_GRAM CALL CUSTOM EMBEDDING_LOOKUP_SPARSE PAD",
  "UNIDIRECTIONAL_SEQUENCE_RNN GATHER BATCH_TO_SPACE_ND SPACE_TO_BATCH_ND TRANSPOSE MEAN SUB DIV SQUEEZE",
  "UNIDIRECTIONAL_SEQUENCE_LSTM STRIDED_SLICE BIDIRECTIONAL_SEQUENCE_RNN EXP TOPK_V2 SPLIT LOG_SOFTMAX",
  "DELEGATE BIDIRECTIONAL_SEQUENCE_LSTM CAST PRELU MAXIMUM ARG_MAX MINIMUM LESS NEG PADV2 GREATER",
  "GREATER_EQUAL LESS_EQUAL SELECT SLICE SIN TRANSPOSE_CONV SPARSE_TO_DENSE TILE EXPAND_DIMS EQUAL NOT_EQUAL",
  "LOG SUM SQRT RSQRT SHAPE POW ARG_MIN FAKE_QUANT REDUCE_PROD REDUCE_MAX PACK LOGICAL_OR ONE_HOT LOGICAL_AND",
  "LOGICAL_NOT UNPACK REDUCE_MIN FLOOR_DIV REDUCE_ANY SQUARE ZEROS_LIKE FILL FLOOR_MOD RANGE",
  "RESIZE_NEAREST_NEIGHBOR LEAKY_RELU SQUARED_DIFFERENCE MIRROR_PAD ABS SPLIT_V UNIQUE CEIL REVERSE_V2 ADD_N",
  "GATHER_ND COS WHERE RANK ELU REVERSE_SEQUENCE MATRIX_DIAG QUANTIZE MATRIX_SET_DIAG ROUND HARD_SWISH IF",
  "WHILE NON_MAX_SUPPRESSION_V4 NON_MAX_SUPPRESSION_V5 SCATTER_ND SELECT_V2 DENSIFY SEGMENT_SUM BATCH_MATMUL",
].join(" ").split(" ");

/** schema.fbs ActivationFunctionType. */
export const Activation = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3, TANH: 4 } as const;
/** schema.fbs Padding. */
export const Padding = { SAME: 0, VALID: 1 } as const;

export interface TfliteTensor {
  index: number;
  name: string;
  shape: number[];
  type: number;
  /** The constant's bytes (buffer data), null for activations. */
  data: Uint8Array | null;
}

export interface ConvOptions {
  padding: number;
  strideW: number;
  strideH: number;
  dilationW: number;
  dilationH: number;
  activation: number;
  /** DEPTHWISE_CONV_2D only. */
  depthMultiplier: number;
}

export interface PoolOptions {
  padding: number;
  strideW: number;
  strideH: number;
  filterW: number;
  filterH: number;
  activation: number;
}

export interface TfliteOperator {
  /** Builtin code (schema.fbs BuiltinOperator). */
  code: number;
  /** The code's name, or `BUILTIN_<code>` / the custom code for operators this reader does not know. */
  name: string;
  inputs: number[];
  outputs: number[];
  conv?: ConvOptions;
  pool?: PoolOptions;
  /** CONCATENATION's axis; ADD's and CONCATENATION's fused activation. */
  axis?: number;
  activation?: number;
  resize?: { alignCorners: boolean; halfPixelCenters: boolean };
  newShape?: number[];
}

export interface TfliteModel {
  tensors: TfliteTensor[];
  operators: TfliteOperator[];
  inputs: number[];
  outputs: number[];
}

/** A FlatBuffer table: field reads by vtable slot. */
class Table {
  constructor(readonly bb: ByteBuffer, readonly pos: number) {}

  private field(slot: number): number {
    return this.bb.__offset(this.pos, slot);
  }

  int8(slot: number, fallback = 0): number {
    const o = this.field(slot);
    return o ? this.bb.readInt8(this.pos + o) : fallback;
  }

  int32(slot: number, fallback = 0): number {
    const o = this.field(slot);
    return o ? this.bb.readInt32(this.pos + o) : fallback;
  }

  uint32(slot: number, fallback = 0): number {
    const o = this.field(slot);
    return o ? this.bb.readUint32(this.pos + o) : fallback;
  }

  bool(slot: number, fallback = false): boolean {
    const o = this.field(slot);
    return o ? this.bb.readUint8(this.pos + o) !== 0 : fallback;
  }

  string(slot: number): string {
    const o = this.field(slot);
    return o ? (this.bb.__string(this.pos + o) as string) : "";
  }

  table(slot: number): Table | null {
    const o = this.field(slot);
    return o ? new Table(this.bb, this.bb.__indirect(this.pos + o)) : null;
  }

  tables(slot: number): Table[] {
    const o = this.field(slot);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from({ length: this.bb.__vector_len(this.pos + o) }, (_, i) => new Table(this.bb, this.bb.__indirect(start + 4 * i)));
  }

  int32s(slot: number): number[] {
    const o = this.field(slot);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from({ length: this.bb.__vector_len(this.pos + o) }, (_, i) => this.bb.readInt32(start + 4 * i));
  }

  bytes(slot: number): Uint8Array | null {
    const o = this.field(slot);
    if (!o) return null;
    const start = this.bb.__vector(this.pos + o);
    return this.bb.bytes().subarray(start, start + this.bb.__vector_len(this.pos + o));
  }
}

// Vtable slots of the tables read here, from schema.fbs.
const MODEL = { operatorCodes: 6, subgraphs: 8, buffers: 12 };
const OPERATOR_CODE = { deprecatedBuiltinCode: 4, customCode: 6, builtinCode: 10 };
const SUBGRAPH = { tensors: 4, inputs: 6, outputs: 8, operators: 10 };
const TENSOR = { shape: 4, type: 6, buffer: 8, name: 10, sparsity: 16 };
const OPERATOR = { opcodeIndex: 4, inputs: 6, outputs: 8, builtinOptions: 12 };
const BUFFER = { data: 4, offset: 6 };

function operatorCode(table: Table): { code: number; name: string } {
  // Old files only fill the int8 field, new ones write 127 there (PLACEHOLDER_FOR_GREATER_OP_CODES) for codes
  // past it: TFLite's own rule is the larger of the two.
  const code = Math.max(table.int8(OPERATOR_CODE.deprecatedBuiltinCode), table.int32(OPERATOR_CODE.builtinCode));
  const custom = table.string(OPERATOR_CODE.customCode);
  return { code, name: custom || BUILTIN_NAMES[code] || `BUILTIN_${code}` };
}

function convOptions(t: Table, depthwise: boolean): ConvOptions {
  // Conv2DOptions: padding, stride_w, stride_h, fused_activation_function, dilation_w, dilation_h.
  // DepthwiseConv2DOptions: padding, stride_w, stride_h, depth_multiplier, fused_activation_function, dilation_w, dilation_h.
  const shift = depthwise ? 2 : 0;
  return {
    padding: t.int8(4),
    strideW: t.int32(6, 1),
    strideH: t.int32(8, 1),
    depthMultiplier: depthwise ? t.int32(10, 1) : 1,
    activation: t.int8(10 + shift),
    dilationW: t.int32(12 + shift, 1),
    dilationH: t.int32(14 + shift, 1),
  };
}

function readOperator(table: Table, codes: Array<{ code: number; name: string }>): TfliteOperator {
  const { code, name } = codes[table.uint32(OPERATOR.opcodeIndex)];
  const op: TfliteOperator = { code, name, inputs: table.int32s(OPERATOR.inputs), outputs: table.int32s(OPERATOR.outputs) };
  const options = table.table(OPERATOR.builtinOptions);
  switch (code) {
    case BuiltinOperator.CONV_2D:
    case BuiltinOperator.DEPTHWISE_CONV_2D:
      if (options) op.conv = convOptions(options, code === BuiltinOperator.DEPTHWISE_CONV_2D);
      break;
    case BuiltinOperator.MAX_POOL_2D:
      // Pool2DOptions: padding, stride_w, stride_h, filter_width, filter_height, fused_activation_function.
      if (options) op.pool = { padding: options.int8(4), strideW: options.int32(6, 1), strideH: options.int32(8, 1), filterW: options.int32(10), filterH: options.int32(12), activation: options.int8(14) };
      break;
    case BuiltinOperator.CONCATENATION:
      // ConcatenationOptions: axis, fused_activation_function.
      op.axis = options?.int32(4) ?? 0;
      op.activation = options?.int8(6) ?? 0;
      break;
    case BuiltinOperator.ADD:
    case BuiltinOperator.MUL:
      // AddOptions / MulOptions: fused_activation_function first.
      op.activation = options?.int8(4) ?? 0;
      break;
    case BuiltinOperator.RESIZE_BILINEAR:
      // ResizeBilinearOptions: new_height, new_width (deprecated), align_corners, half_pixel_centers.
      op.resize = { alignCorners: options?.bool(8) ?? false, halfPixelCenters: options?.bool(10) ?? false };
      break;
    case BuiltinOperator.RESHAPE:
      if (options) op.newShape = options.int32s(4);
      break;
  }
  return op;
}

export function readTflite(bytes: Uint8Array): TfliteModel {
  const bb = new ByteBuffer(bytes);
  if (bytes.length < 8 || bb.getBufferIdentifier() !== "TFL3") throw new Error("not a TensorFlow Lite model (no TFL3 identifier)");
  const model = new Table(bb, bb.readInt32(bb.position()) + bb.position());
  const codes = model.tables(MODEL.operatorCodes).map(operatorCode);
  const buffers = model.tables(MODEL.buffers);
  const subgraphs = model.tables(MODEL.subgraphs);
  if (subgraphs.length !== 1) throw new Error(`expected one subgraph, found ${subgraphs.length}`);
  const graph = subgraphs[0];
  const tensors = graph.tables(SUBGRAPH.tensors).map((t, index): TfliteTensor => {
    const name = t.string(TENSOR.name);
    if (t.table(TENSOR.sparsity)) throw new Error(`tensor ${name} is sparse (unsupported; use the dense model)`);
    const buffer = buffers[t.uint32(TENSOR.buffer)];
    if (buffer && buffer.uint32(BUFFER.offset)) throw new Error(`tensor ${name}: buffers outside the FlatBuffer are not supported`);
    const data = buffer?.bytes(BUFFER.data) ?? null;
    return { index, name, shape: t.int32s(TENSOR.shape), type: t.int8(TENSOR.type), data: data && data.length ? data : null };
  });
  return {
    tensors,
    operators: graph.tables(SUBGRAPH.operators).map((t) => readOperator(t, codes)),
    inputs: graph.int32s(SUBGRAPH.inputs),
    outputs: graph.int32s(SUBGRAPH.outputs),
  };
}
