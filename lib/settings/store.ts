// Settings persisted as JSON in <DATA_DIR>/config.json (A1111 keeps config.json too). Unknown or
// invalid stored values fall back to defaults instead of failing start-up; read-only HTML texts are
// never written.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { castOption, parseOption } from "@/lib/settings/cast";
import { defaultOptions, isOptionKey, optionSpec, type Options } from "@/lib/settings/options";

function configFile(): string {
  return path.join(onyxPaths().data, "config.json");
}

export function loadOptions(): Options {
  const options = defaultOptions();
  const file = configFile();
  if (!fs.existsSync(file)) return options;
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return options;
  }
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
  const stored = Object.fromEntries(Object.entries(options).filter(([key]) => isOptionKey(key) && optionSpec(key).kind !== "html"));
  const file = configFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(stored, null, 2));
  fs.renameSync(tmp, file);
  return options;
}
