// Discovers extensions (`extensions/<name>/extension.json` + an entry module), loads each one in
// isolation so a broken one is reported and never stops the rest, and keeps enable/disable in the
// `disabled_extensions` setting (docs/a1111/scripts.md#always-on-and-selectable-scripts).
//
// Loading by runtime path: bundlers must not try to resolve these imports, so `.mjs`/`.js` entries
// go through a native `import()` marked webpackIgnore/turbopackIgnore, and `.ts` entries through
// tsx's `tsImport` (tsx is a server-external dependency, so the same code path works under vitest,
// `tsx` scripts and `next start`). Entries should import project code with `import type` only:
// the loader validates what they export with `defineScript` itself.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { defineScript, type AnyScript, type ScriptDefinition } from "@/lib/scripts/script";
import type { XyzAxis } from "@/lib/scripts/xyz-plot/axes";
import { loadOptions, updateOptions } from "@/lib/settings/store";

const manifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().default("0.0.0"),
  entry: z.string().regex(/^[\w.-]+\.(ts|mts|mjs|js)$/, "must be a file in the extension folder ending in .ts, .mts, .mjs or .js"),
  description: z.string().default(""),
});

export type ExtensionManifest = z.infer<typeof manifestSchema>;

/** What an entry's `register(api)` gets. */
export interface ExtensionApi {
  registerScript(script: ScriptDefinition): void;
  registerXyzAxis(axis: XyzAxis): void;
}

export type ExtensionStatus = "loaded" | "disabled" | "failed";

export interface LoadedExtension {
  /** The folder name (A1111: the extension's canonical name). */
  id: string;
  dir: string;
  manifest: ExtensionManifest | null;
  status: ExtensionStatus;
  error?: string;
  scripts: AnyScript[];
  xyzAxes: XyzAxis[];
}

/** `EXTENSIONS_DIR`, else `extensions/` of the working directory. */
export function extensionsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), env.EXTENSIONS_DIR ?? "extensions");
}

/** Extension folders (those with an extension.json), sorted by name as A1111 sorts them. */
export function discoverExtensions(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "extension.json")))
    .map((d) => d.name)
    .sort();
}

async function importEntry(file: string): Promise<Record<string, unknown>> {
  if (/\.m?ts$/.test(file)) {
    const { tsImport } = await import("tsx/esm/api");
    return tsImport(pathToFileURL(file).href, import.meta.url);
  }
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(file).href);
}

async function loadOne(dir: string, id: string): Promise<Omit<LoadedExtension, "id" | "dir" | "status">> {
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "extension.json"), "utf8")));
  const entry = path.join(dir, manifest.entry);
  if (!fs.existsSync(entry)) throw new Error(`entry ${manifest.entry} not found`);
  const mod = await importEntry(entry);
  const scripts: AnyScript[] = [];
  const xyzAxes: XyzAxis[] = [];
  const api: ExtensionApi = {
    registerScript: (definition) => void scripts.push(defineScript(definition) as AnyScript),
    registerXyzAxis: (axis) => void xyzAxes.push(axis),
  };
  if (Array.isArray(mod.scripts)) for (const s of mod.scripts) api.registerScript(s as ScriptDefinition);
  if (typeof mod.register === "function") await mod.register(api);
  if (!scripts.length && !xyzAxes.length) throw new Error(`${id}: the entry exports neither "scripts" nor "register"`);
  return { manifest, scripts, xyzAxes };
}

/** Loads every enabled extension of `dir`; failures become `status: "failed"` with the error text. */
export async function loadExtensions(dir = extensionsDir(), disabled: readonly string[] = loadOptions().disabled_extensions): Promise<LoadedExtension[]> {
  const out: LoadedExtension[] = [];
  for (const id of discoverExtensions(dir)) {
    const extDir = path.join(dir, id);
    if (disabled.includes(id)) {
      out.push({ id, dir: extDir, manifest: readManifestQuietly(extDir), status: "disabled", scripts: [], xyzAxes: [] });
      continue;
    }
    try {
      out.push({ id, dir: extDir, status: "loaded", ...(await loadOne(extDir, id)) });
    } catch (error) {
      out.push({ id, dir: extDir, manifest: readManifestQuietly(extDir), status: "failed", error: errorText(error), scripts: [], xyzAxes: [] });
    }
  }
  return out;
}

function readManifestQuietly(dir: string): ExtensionManifest | null {
  try {
    return manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "extension.json"), "utf8")));
  } catch {
    return null;
  }
}

function errorText(error: unknown): string {
  if (error instanceof z.ZodError) return `extension.json: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  return error instanceof Error ? error.message : String(error);
}

/** Persists the choice in `disabled_extensions`; it takes effect at the next load. */
export function setExtensionEnabled(id: string, enabled: boolean): string[] {
  const current = loadOptions().disabled_extensions.filter((name) => name !== id);
  const disabled = enabled ? current : [...current, id];
  updateOptions({ disabled_extensions: disabled });
  return disabled;
}
