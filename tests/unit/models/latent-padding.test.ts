import { expect, test } from "vitest";
import { cropLatent, padLatentToMultiple } from "@/lib/models/latent-padding";

test("pads by replicating the last row and column, and crops back exactly", () => {
  const x = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [1, 1, 2, 3] };
  const p = padLatentToMultiple(x, 4);
  expect(p.shape).toEqual([1, 1, 4, 4]);
  expect(Array.from(p.data)).toEqual([1, 2, 3, 3, 4, 5, 6, 6, 4, 5, 6, 6, 4, 5, 6, 6]);
  expect(Array.from(cropLatent(p, 2, 3).data)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(padLatentToMultiple({ data: new Float32Array(16), shape: [1, 1, 4, 4] }, 4).shape).toEqual([1, 1, 4, 4]);
});
