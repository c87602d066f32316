// Settings persisted as JSON in <DATA_DIR>/config.json (A1111 keeps config.json too). Unknown or
// invalid stored values fall back to defaults instead of failing start-up.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { defaultOptions, isOptionKey, OPTIONS, parseOption, type OptionKey, type Options } from "@/lib/settings/options";

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
    const parsed = OPTIONS[key].schema.safeParse(value);
    if (parsed.success) (options as Record<string, unknown>)[key] = parsed.data;
  }
  return options;
}

/** Validates and stores the given settings; returns the whole set. Throws on an unknown key or bad value. */
export function updateOptions(changes: Record<string, unknown>): Options {
  const options = loadOptions();
  for (const [key, value] of Object.entries(changes)) {
    if (!isOptionKey(key)) throw new Error(`unknown setting "${key}"`);
    (options as Record<string, unknown>)[key] = parseOption(key as OptionKey, value);
  }
  const file = configFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(options, null, 2));
  fs.renameSync(tmp, file);
  return options;
}
