// Settings persisted as JSON in <DATA_DIR>/config.json (A1111 keeps config.json too). Unknown or
// invalid stored values fall back to defaults instead of failing start-up; read-only HTML texts are
// never written. A stored key no loaded extension declares (its extension is disabled or not loaded
// yet) is kept in the file as it is, so saving other settings never loses it (docs/extensions.md#settings).
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { castOption, parseOption } from "@/lib/settings/cast";
import { defaultOptions, isOptionKey, optionSpec, type Options } from "@/lib/settings/options";

function configFile(): string {
  return path.join(onyxPaths().data, "config.json");
}

function storedValues(): Record<string, unknown> {
  const file = configFile();
  if (!fs.existsSync(file)) return {};
  try {
    const stored: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function loadOptions(): Options {
  const options = defaultOptions();
  const stored = storedValues();
  for (const [key, value] of Object.entries(stored)) {
    if (!isOptionKey(key)) continue;
    const cast = castOption(key, value);
    if (cast.ok) (options as Record<string, unknown>)[key] = cast.value;
  }
  return options;
}

/** Casts and stores the given settings; returns the whole set. Throws on an unknown key or a refused value. */
export function updateOptions(changes: Record<string, unknown>): Options {
  const options = loadOptions();
  for (const [key, value] of Object.entries(changes)) {
    if (!isOptionKey(key)) throw new Error(`unknown setting "${key}"`);
    (options as Record<string, unknown>)[key] = parseOption(key, value);
  }
  const unclaimed = Object.fromEntries(Object.entries(storedValues()).filter(([key]) => !isOptionKey(key)));
  const stored = { ...unclaimed, ...Object.fromEntries(Object.entries(options).filter(([key]) => isOptionKey(key) && optionSpec(key).kind !== "html")) };
  const file = configFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(stored, null, 2));
  fs.renameSync(tmp, file);
  return options;
}
