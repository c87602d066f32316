// A1111's styles.csv (name, prompt, negative_prompt), in the data folder. A1111 reads it with
// `csv.DictReader(skipinitialspace=True)`: rows whose name starts with `#` are comments, the old two-column
// form (`name, text`) is read too, and it writes the file back with Python's csv writer (minimal quoting, CRLF).
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { csvRecords } from "@/lib/csv/python-csv";
import type { PromptStyle } from "@/lib/infotext/styles";

export function stylesFile(): string {
  return path.join(onyxPaths().data, "styles.csv");
}

/** The styles of a styles.csv text, in file order (a later row of the same name replaces the earlier one). */
export function parseStylesCsv(text: string): PromptStyle[] {
  const [header, ...rows] = csvRecords(text.replace(/^\uFEFF/, ""), { skipInitialSpace: true });
  if (!header) return [];
  const byName = new Map<string, PromptStyle>();
  for (const row of rows) {
    if (row.length === 0) continue;
    const field = (key: string) => {
      const at = header.indexOf(key);
      return at >= 0 ? (row[at] ?? "") : undefined;
    };
    const name = field("name") ?? "";
    if (name.startsWith("#")) continue;
    byName.set(name, { name, prompt: field("prompt") ?? field("text") ?? "", negativePrompt: field("negative_prompt") ?? "" });
  }
  return [...byName.values()];
}

/** One field as Python's csv writer writes it (QUOTE_MINIMAL). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value.startsWith(" ") ? `"${value.replaceAll('"', '""')}"` : value;
}

export function stylesCsv(styles: readonly PromptStyle[]): string {
  const rows = [["name", "prompt", "negative_prompt"], ...styles.map((s) => [s.name, s.prompt, s.negativePrompt])];
  return rows.map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

/** The styles in the file (none when there is no file). */
export function loadStyles(file = stylesFile()): PromptStyle[] {
  if (!fs.existsSync(file)) return [];
  return parseStylesCsv(fs.readFileSync(file, "utf8"));
}

/** Writes the styles, replacing the file atomically (a crash never leaves half a file). */
export function saveStyles(styles: readonly PromptStyle[], file = stylesFile()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, stylesCsv(styles));
  fs.renameSync(temporary, file);
}
