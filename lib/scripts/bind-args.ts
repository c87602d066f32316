// Binding a script's arguments from a request (docs/a1111/scripts.md#argument-layout, docs/a1111/api.md#scripts-through-the-api):
// by position in A1111's flattened order, or by parameter name. A1111 hands the values to the script as they
// came, so a bool parameter takes Python's truthiness ("False" is a non-empty string, hence true; 0, "",
// null, [] are false) and numbers and strings are read as pydantic reads them ("5" → 5, 5 → "5";
// docs/api-coercion.md). Missing values take the declared defaults; what still does not fit, out-of-range
// numbers and unknown choices are rejected with the parameter named.
import { base64Payload, isBase64 } from "@/lib/api/encoded-image";
import { coerceFloat, coerceInt, coerceStr } from "@/lib/python/pydantic";
import { pythonBool } from "@/lib/python/truthy";
import { DEFAULT_REGION_BOX, type AnyScript, type ParamSpec, type RegionsParam, type ScalarParam } from "@/lib/scripts/script";
import { listUpscalers } from "@/lib/upscalers/registry";
import { resolveUpscaler } from "@/lib/upscalers/standard-names";
import { upscalerName } from "@/lib/upscalers/upscaler-choice";

export class ScriptArgsError extends Error {
  constructor(script: string, message: string) {
    super(`${script}: ${message}`);
    this.name = "ScriptArgsError";
  }
}

/**
 * An upscaler argument (docs/upscalers.md#choosing-by-argument): a name or an index into the installed list, or
 * one of A1111's standard names, which run their stand-in.
 */
function upscalerArgument(value: unknown, where: string): string {
  try {
    return upscalerName(value, listUpscalers().map((u) => u.name));
  } catch (error) {
    if (typeof value === "string" && resolveUpscaler(value)) return value;
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}

function bindScalar(param: ScalarParam, value: unknown, where: string): unknown {
  if (param.type === "bool") return value === undefined ? param.default : pythonBool(value);
  if (value === undefined || value === null) return param.type === "image" ? null : param.default;
  switch (param.type) {
    case "number":
    case "int": {
      const n = (param.type === "int" ? coerceInt : coerceFloat)(value);
      if (!n.ok) throw new Error(`${where} must be ${param.type === "int" ? "an integer" : "a number"}, got ${JSON.stringify(value)}`);
      if (param.min !== undefined && n.value < param.min) throw new Error(`${where} must be at least ${param.min}, got ${n.value}`);
      if (param.max !== undefined && n.value > param.max) throw new Error(`${where} must be at most ${param.max}, got ${n.value}`);
      return n.value;
    }
    case "string": {
      const text = coerceStr(value);
      if (!text.ok) throw new Error(`${where} must be a string, got ${JSON.stringify(value)}`);
      return text.value;
    }
    case "choice": {
      if (param.choicesFrom === "upscalers") return upscalerArgument(value, where);
      const text = coerceStr(value);
      if (!text.ok || (!param.choicesFrom && !param.choices.includes(text.value))) throw new Error(`${where} must be one of ${param.choices.map((c) => JSON.stringify(c)).join(", ")}, got ${JSON.stringify(value)}`);
      return text.value;
    }
    case "image": {
      // The API and the UI send base64 or a data URL; hooks get the bytes (the SDK's decodeImage reads them).
      if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value);
      const payload = typeof value === "string" ? base64Payload(value) : "";
      if (!payload || !isBase64(payload)) throw new Error(`${where} must be an image (base64 or data URL)`);
      return Buffer.from(payload, "base64");
    }
  }
}

function bindObject(params: readonly ParamSpec[], args: readonly unknown[] | Record<string, unknown>, prefix: string): Record<string, unknown> {
  const byName = !Array.isArray(args);
  if (byName) {
    const known = new Set(params.map((p) => p.name));
    const unknown = Object.keys(args).filter((k) => !known.has(k));
    if (unknown.length) throw new Error(`unknown argument${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${prefix}${k}"`).join(", ")}`);
  } else {
    const hasRepeat = params.at(-1)?.type === "repeat";
    if (!hasRepeat && args.length > params.length) throw new Error(`expected at most ${params.length} arguments, got ${args.length}`);
  }
  const out: Record<string, unknown> = {};
  params.forEach((param, i) => {
    const where = `"${prefix}${param.name}" (argument ${i})`;
    if (param.type === "repeat") {
      const units = byName ? (args as Record<string, unknown>)[param.name] : (args as readonly unknown[]).slice(i);
      out[param.name] = bindRepeat(param, units, where, prefix);
    } else if (param.type === "regions") {
      out[param.name] = bindRegions(param, byName ? (args as Record<string, unknown>)[param.name] : (args as readonly unknown[])[i], where, prefix);
    } else {
      out[param.name] = bindScalar(param, byName ? (args as Record<string, unknown>)[param.name] : (args as readonly unknown[])[i], where);
    }
  });
  return out;
}

function bindRepeat(param: Extract<ParamSpec, { type: "repeat" }>, units: unknown, where: string, prefix: string): Array<Record<string, unknown>> {
  const list = units === undefined || (Array.isArray(units) && units.length === 0) ? Array.from({ length: param.defaultCount }, () => ({})) : units;
  if (!Array.isArray(list)) throw new Error(`${where} must be a list of units`);
  if (param.minCount !== undefined && list.length < param.minCount) throw new Error(`${where} needs at least ${param.minCount} units, got ${list.length}`);
  if (param.maxCount !== undefined && list.length > param.maxCount) throw new Error(`${where} takes at most ${param.maxCount} units, got ${list.length}`);
  return list.map((unit, k) => {
    if (unit === null || typeof unit !== "object") throw new Error(`${where} unit ${k} must be an object or a list`);
    return bindObject(param.params, unit as unknown[] | Record<string, unknown>, `${prefix}${param.name}[${k}].`);
  });
}

const BOX_KEYS = ["x", "y", "w", "h"] as const;

/** A list of regions: each its box (fractions 0…1; missing coordinates from the default box) and its fields. */
function bindRegions(param: RegionsParam, value: unknown, where: string, prefix: string): Array<Record<string, unknown>> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${where} must be a list of regions`);
  if (param.maxCount !== undefined && value.length > param.maxCount) throw new Error(`${where} takes at most ${param.maxCount} regions, got ${value.length}`);
  return value.map((region, k) => {
    const at = `${prefix}${param.name}[${k}]`;
    if (region === null || typeof region !== "object" || Array.isArray(region)) throw new Error(`${where} region ${k} must be an object`);
    const { x, y, w, h, ...fields } = region as Record<string, unknown>;
    const box: Record<string, unknown> = {};
    const given = { x, y, w, h };
    for (const key of BOX_KEYS) {
      const v = given[key] ?? (param.defaultBox ?? DEFAULT_REGION_BOX)[key];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) throw new Error(`"${at}.${key}" must be a number from 0 to 1, got ${JSON.stringify(v)}`);
      box[key] = v;
    }
    return { ...box, ...bindObject(param.params, fields, `${at}.`) };
  });
}

/** The script's validated argument object; throws `ScriptArgsError` naming the bad argument. */
export function bindScriptArgs(script: AnyScript, args: readonly unknown[] | Record<string, unknown> = []): Record<string, unknown> {
  try {
    return bindObject(script.params, args, "");
  } catch (e) {
    throw new ScriptArgsError(script.title, (e as Error).message);
  }
}

/** A1111's API defaults for a script: every parameter's default, in positional order. */
export function defaultScriptArgs(script: AnyScript): unknown[] {
  return script.params.flatMap((param: ParamSpec): unknown[] => {
    if (param.type === "repeat") return Array.from({ length: param.defaultCount }, () => Object.fromEntries(param.params.map((p) => [p.name, p.default])));
    if (param.type === "regions") return [[]];
    return [param.default];
  });
}
