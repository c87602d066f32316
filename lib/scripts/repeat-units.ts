// A repeated group's units (ADetailer's tabs): a fresh unit holds its inner parameters' defaults, and unit k is
// named by its ordinal ("2nd"), in the UI's tab names as in the infotext fields' suffixes
// (docs/extensions.md#pasting-an-infotext).
import type { ScalarDefault, ScalarParam } from "@/lib/scripts/script";

/** A fresh unit of a repeated group: its inner parameters' defaults. */
export const defaultUnit = (params: readonly ScalarParam[]): Record<string, ScalarDefault> => Object.fromEntries(params.map((p) => [p.name, p.default]));

/** "1st", "2nd", "3rd", "4th" … "11th", "12th", "13th", "21st": ADetailer's tab names. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}
