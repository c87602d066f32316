// Tensors in Onyx are plain typed arrays with a shape, in row-major (NCHW) order.

export interface Tensor<T extends Float32Array | Int32Array = Float32Array> {
  data: T;
  shape: number[];
}

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function tensor(data: Float32Array, shape: number[]): Tensor {
  if (data.length !== numel(shape)) {
    throw new Error(`tensor data has ${data.length} values, shape [${shape.join(", ")}] needs ${numel(shape)}`);
  }
  return { data, shape };
}
