import { expect, test } from "vitest";
import { numel, tensor } from "@/lib/tensor";

test("tensor checks that data and shape agree", () => {
  expect(numel([2, 4, 8, 8])).toBe(512);
  expect(() => tensor(new Float32Array(3), [2, 2])).toThrow(/needs 4/);
});
