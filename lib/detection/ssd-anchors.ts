// MediaPipe's SsdAnchorsCalculator for fixed-size anchors (docs/detection.md#mediapipe-blazeface): one feature map per run of
// layers with the same stride, ceil(input / stride) cells a side, and per cell, per layer, one anchor per
// aspect ratio plus one for the interpolated scale when that is set. Centres at ((x + offset) / fm, (y + offset) / fm);
// width and height are 1, so the regressors are scaled by the input size alone.

export interface SsdAnchorOptions {
  inputSize: number;
  strides: number[];
  /** How many aspect ratios each layer has (MediaPipe's face models: one, 1.0). */
  aspectRatioCount: number;
  /** 0 = no extra anchor per layer. */
  interpolatedScaleAspectRatio: number;
  anchorOffset: number;
}

/** Anchor centres as [cx0, cy0, cx1, cy1, …] in 0..1 input coordinates. */
export function ssdAnchors(o: SsdAnchorOptions): Float32Array {
  const centres: number[] = [];
  for (let layer = 0; layer < o.strides.length; ) {
    let perCell = 0;
    let last = layer;
    while (last < o.strides.length && o.strides[last] === o.strides[layer]) {
      perCell += o.aspectRatioCount + (o.interpolatedScaleAspectRatio > 0 ? 1 : 0);
      last++;
    }
    const cells = Math.ceil(o.inputSize / o.strides[layer]);
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let a = 0; a < perCell; a++) centres.push((x + o.anchorOffset) / cells, (y + o.anchorOffset) / cells);
      }
    }
    layer = last;
  }
  return Float32Array.from(centres);
}
