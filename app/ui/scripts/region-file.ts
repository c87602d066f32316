// A regions parameter's set as a JSON file (Tiled Diffusion's region configs): `{"<param name>": [regions]}`,
// each region its box in fractions and its fields by name. Loading is lenient about what it cannot use — a
// field of the wrong type takes its default, a box coordinate is clamped into 0…1 — and refuses only what is
// not a region list at all.
import type { RegionsParam, ScalarParam } from "@/lib/scripts/script";
import { round4 } from "@/app/ui/scripts/region-geometry";
import { newRegion, type ScalarParamValue } from "@/app/ui/scripts/scripts-form";

type Region = Record<string, ScalarParamValue>;

export function regionsToFile(param: RegionsParam, regions: readonly Region[]): string {
  return JSON.stringify({ [param.name]: regions }, null, 2);
}

/** The field's value from a file when it has the field's type (a choice: one of its choices), else undefined. */
function fieldValue(field: ScalarParam, value: unknown): ScalarParamValue | undefined {
  switch (field.type) {
    case "bool":
      return typeof value === "boolean" ? value : undefined;
    case "number":
    case "int":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    case "string":
      return typeof value === "string" ? value : undefined;
    case "choice":
      return typeof value === "string" && field.choices.includes(value) ? value : undefined;
    default:
      return undefined;
  }
}

/** The regions a file holds, or a message saying why it holds none. */
export function regionsFromFile(param: RegionsParam, text: string): Region[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "not a JSON file";
  }
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[param.name] : undefined;
  if (!Array.isArray(list)) return `no "${param.name}" list in the file`;
  const regions = list.filter((r): r is Record<string, unknown> => r !== null && typeof r === "object" && !Array.isArray(r));
  return regions.slice(0, param.maxCount ?? regions.length).map((r) => {
    const region = newRegion(param);
    for (const key of ["x", "y", "w", "h"]) {
      const v = r[key];
      if (typeof v === "number" && Number.isFinite(v)) region[key] = round4(Math.min(1, Math.max(0, v)));
    }
    for (const field of param.params) {
      const v = fieldValue(field, r[field.name]);
      if (v !== undefined) region[field.name] = v;
    }
    return region;
  });
}
