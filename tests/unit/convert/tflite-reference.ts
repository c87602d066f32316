// A plain-loop NHWC interpreter of the TFLite operators the MediaPipe face models use, for tests only: an
// independent reference the converted ONNX models are compared with. Every tensor is computed in TFLite's own
// layout, following the TFLite kernels' definitions (SAME = out ceil(in / stride), the odd pad pixel at the end).
import { float16BitsToFloat32 } from "@/lib/onnx/float16";
import { Activation, BuiltinOperator as Op, Padding, TensorType, type TfliteModel, type TfliteOperator } from "@/lib/convert/tflite-model";

interface Nhwc {
  shape: number[];
  data: Float32Array;
}

function constant(model: TfliteModel, index: number): Nhwc | null {
  const t = model.tensors[index];
  if (!t.data) return null;
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const n = t.shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (t.type === TensorType.FLOAT32) data[i] = view.getFloat32(4 * i, true);
    else if (t.type === TensorType.FLOAT16) data[i] = float16BitsToFloat32(view.getUint16(2 * i, true));
    else if (t.type === TensorType.INT32) data[i] = view.getInt32(4 * i, true);
    else throw new Error(`reference: tensor type ${t.type}`);
  }
  return { shape: t.shape, data };
}

function activate(v: number, activation: number): number {
  if (activation === Activation.RELU) return Math.max(0, v);
  if (activation === Activation.RELU6) return Math.min(6, Math.max(0, v));
  if (activation === Activation.NONE) return v;
  throw new Error(`reference: activation ${activation}`);
}

function samePadBefore(inSize: number, outSize: number, stride: number, kernel: number, dilation: number): number {
  const total = Math.max((outSize - 1) * stride + (kernel - 1) * dilation + 1 - inSize, 0);
  return Math.floor(total / 2);
}

function outSize(inSize: number, stride: number, kernel: number, dilation: number, padding: number): number {
  return padding === Padding.SAME ? Math.ceil(inSize / stride) : Math.floor((inSize - ((kernel - 1) * dilation + 1)) / stride) + 1;
}

function conv(x: Nhwc, w: Nhwc, bias: Nhwc | null, op: TfliteOperator): Nhwc {
  const o = op.conv!;
  const depthwise = op.code === Op.DEPTHWISE_CONV_2D;
  const [, H, W, C] = x.shape;
  // CONV_2D: [O, kh, kw, C]; DEPTHWISE: [1, kh, kw, C·m].
  const [kh, kw] = [w.shape[1], w.shape[2]];
  const outC = depthwise ? w.shape[3] : w.shape[0];
  const m = depthwise ? outC / C : 0;
  const OH = outSize(H, o.strideH, kh, o.dilationH, o.padding);
  const OW = outSize(W, o.strideW, kw, o.dilationW, o.padding);
  const pt = o.padding === Padding.SAME ? samePadBefore(H, OH, o.strideH, kh, o.dilationH) : 0;
  const pl = o.padding === Padding.SAME ? samePadBefore(W, OW, o.strideW, kw, o.dilationW) : 0;
  const out = new Float32Array(OH * OW * outC);
  for (let oy = 0; oy < OH; oy++) {
    for (let ox = 0; ox < OW; ox++) {
      for (let oc = 0; oc < outC; oc++) {
        let acc = bias ? bias.data[oc] : 0;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * o.strideH - pt + ky * o.dilationH;
          if (iy < 0 || iy >= H) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * o.strideW - pl + kx * o.dilationW;
            if (ix < 0 || ix >= W) continue;
            const base = (iy * W + ix) * C;
            if (depthwise) {
              acc += x.data[base + Math.floor(oc / m)] * w.data[(ky * kw + kx) * outC + oc];
            } else {
              const wBase = ((oc * kh + ky) * kw + kx) * C;
              for (let c = 0; c < C; c++) acc += x.data[base + c] * w.data[wBase + c];
            }
          }
        }
        out[(oy * OW + ox) * outC + oc] = activate(acc, o.activation);
      }
    }
  }
  return { shape: [1, OH, OW, outC], data: out };
}

function maxPool(x: Nhwc, op: TfliteOperator): Nhwc {
  const o = op.pool!;
  const [, H, W, C] = x.shape;
  const OH = outSize(H, o.strideH, o.filterH, 1, o.padding);
  const OW = outSize(W, o.strideW, o.filterW, 1, o.padding);
  const pt = o.padding === Padding.SAME ? samePadBefore(H, OH, o.strideH, o.filterH, 1) : 0;
  const pl = o.padding === Padding.SAME ? samePadBefore(W, OW, o.strideW, o.filterW, 1) : 0;
  const out = new Float32Array(OH * OW * C).fill(-Infinity);
  for (let oy = 0; oy < OH; oy++)
    for (let ox = 0; ox < OW; ox++)
      for (let ky = 0; ky < o.filterH; ky++)
        for (let kx = 0; kx < o.filterW; kx++) {
          const iy = oy * o.strideH - pt + ky;
          const ix = ox * o.strideW - pl + kx;
          if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
          for (let c = 0; c < C; c++) out[(oy * OW + ox) * C + c] = Math.max(out[(oy * OW + ox) * C + c], x.data[(iy * W + ix) * C + c]);
        }
  return { shape: [1, OH, OW, C], data: out.map((v) => activate(v, o.activation)) };
}

function pad(x: Nhwc, paddings: Float32Array): Nhwc {
  const rank = x.shape.length;
  const shape = x.shape.map((d, i) => d + paddings[2 * i] + paddings[2 * i + 1]);
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  const index = new Array<number>(rank).fill(0);
  for (let i = 0; i < x.data.length; i++) {
    let dst = 0;
    for (let a = 0; a < rank; a++) dst = dst * shape[a] + index[a] + paddings[2 * a];
    out[dst] = x.data[i];
    for (let a = rank - 1; a >= 0 && ++index[a] === x.shape[a]; a--) index[a] = 0;
  }
  return { shape, data: out };
}

function concat(parts: Nhwc[], axis: number, activation: number): Nhwc {
  const rank = parts[0].shape.length;
  const a = axis < 0 ? axis + rank : axis;
  const outer = parts[0].shape.slice(0, a).reduce((x, y) => x * y, 1);
  const inner = (p: Nhwc) => p.shape.slice(a).reduce((x, y) => x * y, 1);
  const shape = [...parts[0].shape];
  shape[a] = parts.reduce((s, p) => s + p.shape[a], 0);
  const out: number[] = [];
  for (let o = 0; o < outer; o++) for (const p of parts) out.push(...p.data.subarray(o * inner(p), (o + 1) * inner(p)));
  return { shape, data: Float32Array.from(out, (v) => activate(v, activation)) };
}

function resizeBilinear(x: Nhwc, [OH, OW]: number[], alignCorners: boolean, halfPixel: boolean): Nhwc {
  const [, H, W, C] = x.shape;
  const out = new Float32Array(OH * OW * C);
  const source = (o: number, inSize: number, outSz: number) => {
    const scale = alignCorners && outSz > 1 ? (inSize - 1) / (outSz - 1) : inSize / outSz;
    const s = halfPixel ? (o + 0.5) * scale - 0.5 : o * scale;
    const lo = Math.max(Math.floor(s), 0);
    return { lo, hi: Math.min(Math.ceil(s), inSize - 1), f: s - Math.floor(s) };
  };
  for (let oy = 0; oy < OH; oy++) {
    const ry = source(oy, H, OH);
    for (let ox = 0; ox < OW; ox++) {
      const rx = source(ox, W, OW);
      for (let c = 0; c < C; c++) {
        const at = (y: number, xx: number) => x.data[(y * W + xx) * C + c];
        const top = at(ry.lo, rx.lo) + (at(ry.lo, rx.hi) - at(ry.lo, rx.lo)) * rx.f;
        const bottom = at(ry.hi, rx.lo) + (at(ry.hi, rx.hi) - at(ry.hi, rx.lo)) * rx.f;
        out[(oy * OW + ox) * C + c] = top + (bottom - top) * ry.f;
      }
    }
  }
  return { shape: [1, OH, OW, C], data: out };
}

/** Runs `model` on `input` (the first graph input) and returns every graph output by name. */
export function evaluateTflite(model: TfliteModel, input: Float32Array): Record<string, Nhwc> {
  const values = new Map<number, Nhwc>();
  const get = (i: number) => {
    const v = values.get(i) ?? constant(model, i);
    if (!v) throw new Error(`reference: tensor ${model.tensors[i].name} not computed`);
    return v;
  };
  values.set(model.inputs[0], { shape: model.tensors[model.inputs[0]].shape, data: input });
  for (const op of model.operators) {
    const [a, b] = op.inputs;
    let out: Nhwc;
    switch (op.code) {
      case Op.DEQUANTIZE:
        out = get(a);
        break;
      case Op.CONV_2D:
      case Op.DEPTHWISE_CONV_2D:
        out = conv(get(a), get(b), op.inputs[2] >= 0 ? get(op.inputs[2]) : null, op);
        break;
      case Op.ADD:
      case Op.MUL: {
        const x = get(a);
        const y = get(b);
        const at = (t: Nhwc, i: number) => t.data[t.data.length === x.data.length ? i : i % t.data.length];
        out = { shape: x.data.length >= y.data.length ? x.shape : y.shape, data: Float32Array.from({ length: Math.max(x.data.length, y.data.length) }, (_, i) => activate(op.code === Op.ADD ? at(x, i) + at(y, i) : at(x, i) * at(y, i), op.activation ?? 0)) };
        break;
      }
      case Op.RELU:
        out = { shape: get(a).shape, data: get(a).data.map((v) => Math.max(0, v)) };
        break;
      case Op.RELU6:
        out = { shape: get(a).shape, data: get(a).data.map((v) => Math.min(6, Math.max(0, v))) };
        break;
      case Op.LOGISTIC:
        out = { shape: get(a).shape, data: get(a).data.map((v) => 1 / (1 + Math.exp(-v))) };
        break;
      case Op.PAD:
        out = pad(get(a), get(b).data);
        break;
      case Op.MAX_POOL_2D:
        out = maxPool(get(a), op);
        break;
      case Op.CONCATENATION:
        out = concat(op.inputs.map(get), op.axis ?? 0, op.activation ?? 0);
        break;
      case Op.RESHAPE:
        out = { shape: model.tensors[op.outputs[0]].shape, data: get(a).data };
        break;
      case Op.RESIZE_BILINEAR:
        out = resizeBilinear(get(a), Array.from(get(b).data), op.resize!.alignCorners, op.resize!.halfPixelCenters);
        break;
      default:
        throw new Error(`reference: operator ${op.name}`);
    }
    values.set(op.outputs[0], out);
  }
  return Object.fromEntries(model.outputs.map((i) => [model.tensors[i].name, get(i)]));
}
