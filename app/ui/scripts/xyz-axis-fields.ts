// The X/Y/Z plot's axis controls as values (docs/a1111/xyz-plot.md#controls): an axis is its `<a>_type` and
// `<a>_values` parameters. For axes with fixed choices the multi-select and the fill button write the
// values text box (A1111 keeps a separate dropdown value; here the text box is the one value sent,
// so what the user sees is exactly what the script parses).
import { csvValues } from "@/lib/scripts/xyz-plot/csv-values";
import type { ScriptValues } from "@/app/ui/scripts/scripts-form";

export const XYZ_AXES = ["x", "y", "z"] as const;
export type XyzAxisName = (typeof XYZ_AXES)[number];

/** The parameters the axis rows render themselves; the rest go through the generic form. */
export const XYZ_AXIS_PARAMS: ReadonlySet<string> = new Set(XYZ_AXES.flatMap((a) => [`${a}_type`, `${a}_values`]));

/** One CSV record that `csvValues` reads back item for item: items with a comma, quote or edge space are quoted. */
export function joinAxisValues(items: readonly string[]): string {
  return items.map((item) => (/[",\n\r]|^\s|\s$/.test(item) ? `"${item.replace(/"/g, '""')}"` : item)).join(", ");
}

/** The choices the values text names (case-insensitively, as A1111 validates samplers), in choice order. */
export function chosenValues(text: string, choices: readonly string[]): string[] {
  let items: string[];
  try {
    items = csvValues(text).map((i) => i.toLowerCase());
  } catch {
    return []; // text the CSV reader rejects selects nothing; the script reports it on Generate
  }
  return choices.filter((c) => items.includes(c.toLowerCase()));
}

/** A1111's "Swap X/Y axes" etc.: exchanges both the types and the values of two axes. */
export function swapAxes(values: ScriptValues, a: XyzAxisName, b: XyzAxisName): ScriptValues {
  return {
    ...values,
    [`${a}_type`]: values[`${b}_type`],
    [`${a}_values`]: values[`${b}_values`],
    [`${b}_type`]: values[`${a}_type`],
    [`${b}_values`]: values[`${a}_values`],
  };
}
