import { expect, test } from "vitest";
import { float16BitsToFloat32, float32ToFloat16Bits, fromFloat16, toFloat16 } from "@/lib/onnx/float16";

test("known half-precision bit patterns", () => {
  expect(float32ToFloat16Bits(1)).toBe(0x3c00);
  expect(float32ToFloat16Bits(-2)).toBe(0xc000);
  expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
  expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
  expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001);
  expect(float32ToFloat16Bits(0.1)).toBe(0x2e66);
  expect(float16BitsToFloat32(0x3555)).toBeCloseTo(0.33325195, 8);
  expect(Number.isNaN(float16BitsToFloat32(0x7e00))).toBe(true);
});

test("round trip of every finite half value is exact", () => {
  const bits = new Uint16Array(0x10000).map((_, i) => i).filter((h) => (h & 0x7c00) !== 0x7c00);
  expect(Array.from(toFloat16(fromFloat16(bits)))).toEqual(Array.from(bits));
});

test("ties round to even", () => {
  // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: rounds down to the even mantissa.
  expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
  expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
});
