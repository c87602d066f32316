// ADetailer's API arguments as clients send them (docs/adetailer.md#api-arguments): `[enable, skip_img2img?,
// {tab}, {tab}, …]`. A first argument that is not a bool means enabled; the second bool is optional; every
// dict is one tab, validated as ADetailer's strict schema does — a dict with an unknown key or a bad value is
// logged and skipped, the others still run.
import { ordinal, TAB_FIELDS, type Tab, type TabField } from "./tab-fields";

/** Older clients' name for `ad_mask_k`. */
const ALIASES: Record<string, string> = { ad_mask_k_largest: "ad_mask_k" };
/** Sent by ADetailer's own UI code; not a setting. */
const IGNORED = new Set(["is_api"]);
const FIELDS = new Map(TAB_FIELDS.map((t) => [t.key, t]));

function coerce(field: TabField, value: unknown): boolean | number | string {
  if (value === null && field.nullable) return field.default;
  switch (field.type) {
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === 0 || value === 1) return value === 1;
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      throw new Error(`${field.key} must be a bool, got ${JSON.stringify(value)}`);
    case "int":
    case "float": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isFinite(n) || typeof value === "boolean") throw new Error(`${field.key} must be a number, got ${JSON.stringify(value)}`);
      if (field.type === "int" && !Number.isInteger(n)) throw new Error(`${field.key} must be an integer, got ${JSON.stringify(value)}`);
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) throw new Error(`${field.key} must be within ${field.min ?? "-∞"}…${field.max ?? "∞"}, got ${n}`);
      return n;
    }
    case "string":
    case "choice": {
      const text = typeof value === "number" ? String(value) : value;
      if (typeof text !== "string") throw new Error(`${field.key} must be a string, got ${JSON.stringify(value)}`);
      if (field.choices && !field.choices.includes(text)) throw new Error(`${field.key} must be one of ${field.choices.join(", ")}, got ${JSON.stringify(text)}`);
      return text;
    }
  }
}

/** One tab dict with ADetailer's defaults for what it leaves out; throws naming the first key it refuses. */
export function validateTab(dict: Record<string, unknown>): Tab {
  const tab: Tab = {};
  for (const [given, value] of Object.entries(dict)) {
    if (IGNORED.has(given)) continue;
    const key = ALIASES[given] ?? given;
    const field = FIELDS.get(key);
    if (!field) throw new Error(`unknown key "${given}"`);
    tab[key] = coerce(field, value);
  }
  return tab;
}

export interface ApiArgs {
  enable: boolean;
  skip_img2img: boolean;
  tabs: Tab[];
}

/** The positional list → arguments by name; `log` receives one line per refused tab dict. */
export function parseApiArgs(args: readonly unknown[], log: (line: string) => void = console.warn): ApiArgs {
  const rest = [...args];
  let enable = true;
  let skip = false;
  if (typeof rest[0] === "boolean") {
    enable = rest.shift() as boolean;
    if (typeof rest[0] === "boolean") skip = rest.shift() as boolean;
  }
  const dicts = rest.filter((a): a is Record<string, unknown> => a !== null && typeof a === "object" && !Array.isArray(a));
  const tabs: Tab[] = [];
  dicts.forEach((dict, i) => {
    try {
      tabs.push(validateTab(dict));
    } catch (error) {
      log(`[-] ADetailer: ValidationError when validating ${ordinal(i + 1)} arguments: ${(error as Error).message}`);
    }
  });
  return { enable, skip_img2img: skip, tabs };
}
