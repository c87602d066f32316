// Discovers extensions (`extensions/<name>/extension.json` + an entry module), loads each one in
// isolation so a broken one is reported and never stops the rest, and keeps enable/disable in the
// `disabled_extensions` setting (docs/a1111/scripts.md#always-on-and-selectable-scripts).
//
// Loading by runtime path: bundlers must not try to resolve these imports, so `.mjs`/`.js` entries
// go through a native `import()` marked webpackIgnore/turbopackIgnore, and `.ts` entries through
// tsx's `tsImport` without the project's tsconfig paths (tsx is a server-external dependency, so the
// same code path works under vitest, `tsx` scripts and `next start`). Either way an entry reaches project
// code by value only through "@onyx/sdk", which resolves to the server's own SDK instance
// (sdk-resolver.ts); `import type` of project modules is erased before anything is resolved.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { sdkIncompatibility } from "@/lib/sdk/version";
import type { ExtensionApi, ExtensionRoute } from "@/lib/scripts/extension-api";
import { defineScript, type AnyScript, type ScriptDefinition } from "@/lib/scripts/script";
import { installSdk } from "@/lib/scripts/sdk-resolver";
import type { XyzAxis } from "@/lib/scripts/xyz-plot/axes";
import { extensionOptionSpec } from "@/lib/settings/extension-setting";
import { setExtensionOptions, type ExtensionSection, type OptionSpec } from "@/lib/settings/options";
import { loadOptions, updateOptions } from "@/lib/settings/store";

/** Top-level paths the server itself serves; an extension's routes cannot be mounted there. */
const RESERVED_PREFIXES = ["sdapi", "api", "files", "internal", "docs", "openapi.json", "_next", "favicon.ico", "icon.svg"];

const manifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().default("0.0.0"),
  entry: z.string().regex(/^[\w.-]+\.(ts|mts|mjs|js)$/, "must be a file in the extension folder ending in .ts, .mts, .mjs or .js"),
  description: z.string().default(""),
  /** The SDK version the extension was written for ("1.0"): refused when this server's SDK is older or of another major version. */
  sdk: z.string().optional(),
  /** Where its HTTP routes are mounted; default the folder name. */
  routePrefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, _ and -")
    .refine((p) => !RESERVED_PREFIXES.includes(p), "is a path of the server itself")
    .optional(),
});

export type ExtensionManifest = z.infer<typeof manifestSchema>;

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
  /** Where its routes are served ("/adetailer"); null when it registers none. */
  routePrefix: string | null;
  routes: ExtensionRoute[];
  /** Its settings by key, as the catalogue holds them. */
  settings: Map<string, OptionSpec>;
  sections: ExtensionSection[];
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

/** Node's module format of a `.ts` / `.js` file: that of the nearest package.json ("module" or CommonJS). */
function packageScopeIsModule(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, "utf8")).type === "module";
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

async function importEntry(file: string): Promise<Record<string, unknown>> {
  // "@onyx/sdk" resolves only for ES modules (the resolver is an ESM hook).
  if (/\.(ts|js)$/.test(file) && !packageScopeIsModule(file)) {
    throw new Error(`${path.basename(file)} would load as CommonJS: name it .mts / .mjs, or put a package.json with "type": "module" in the extension folder`);
  }
  installSdk();
  if (/\.m?ts$/.test(file)) {
    const { tsImport } = await import("tsx/esm/api");
    return tsImport(pathToFileURL(file).href, { parentURL: import.meta.url, tsconfig: false });
  }
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(file).href);
}

const ROUTE_PATH = /^(\/[\w.~-]+)+$/;

async function loadOne(dir: string, id: string, prefixesTaken: ReadonlySet<string>, keysTaken: ReadonlyMap<string, OptionSpec>): Promise<Omit<LoadedExtension, "id" | "dir" | "status">> {
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "extension.json"), "utf8")));
  if (manifest.sdk !== undefined) {
    const why = sdkIncompatibility(manifest.sdk);
    if (why) throw new Error(`extension.json: ${why}`);
  }
  const entry = path.join(dir, manifest.entry);
  if (!fs.existsSync(entry)) throw new Error(`entry ${manifest.entry} not found`);
  const mod = await importEntry(entry);
  const scripts: AnyScript[] = [];
  const xyzAxes: XyzAxis[] = [];
  const routes: ExtensionRoute[] = [];
  const settings = new Map<string, OptionSpec>();
  const sections: ExtensionSection[] = [];
  const routePrefix = manifest.routePrefix ?? id.toLowerCase();
  const api: ExtensionApi = {
    id,
    routePrefix: `/${routePrefix}`,
    registerScript: (definition) => void scripts.push(defineScript(definition) as AnyScript),
    registerXyzAxis: (axis) => void xyzAxes.push(axis),
    registerRoute(route) {
      if (!ROUTE_PATH.test(route.path)) throw new Error(`route path "${route.path}" must look like "/v1/name"`);
      if (typeof route.handler !== "function") throw new Error(`route ${route.method} ${route.path} has no handler`);
      if (routes.some((r) => r.method === route.method && r.path === route.path)) throw new Error(`route ${route.method} ${route.path} is registered twice`);
      routes.push(route);
    },
    registerSetting(setting, section = { id, label: manifest.name }) {
      const spec = extensionOptionSpec(setting, section.id);
      if (settings.has(setting.key) || keysTaken.has(setting.key)) throw new Error(`setting "${setting.key}" is registered twice`);
      if (!sections.some((s) => s.id === section.id)) sections.push({ id: section.id, label: section.label });
      settings.set(setting.key, spec);
    },
  };
  if (Array.isArray(mod.scripts)) for (const s of mod.scripts) api.registerScript(s as ScriptDefinition);
  if (typeof mod.register === "function") await mod.register(api);
  if (!scripts.length && !xyzAxes.length && !routes.length && !settings.size) throw new Error(`${id}: the entry exports neither "scripts" nor "register"`);
  if (routes.length && (RESERVED_PREFIXES.includes(routePrefix) || !/^[a-z0-9][a-z0-9_-]*$/.test(routePrefix))) {
    throw new Error(`routes cannot be mounted at "/${routePrefix}": set "routePrefix" in extension.json`);
  }
  if (routes.length && prefixesTaken.has(routePrefix)) throw new Error(`route prefix "/${routePrefix}" is taken by another extension`);
  return { manifest, scripts, xyzAxes, routePrefix: routes.length ? routePrefix : null, routes, settings, sections };
}

/**
 * Loads every enabled extension of `dir`; failures become `status: "failed"` with the error text. The
 * loaded ones' settings replace those of the previous load in the settings catalogue.
 */
export async function loadExtensions(dir = extensionsDir(), disabled: readonly string[] = loadOptions().disabled_extensions): Promise<LoadedExtension[]> {
  const out: LoadedExtension[] = [];
  const prefixes = new Set<string>();
  const settings = new Map<string, OptionSpec>();
  const unloaded = (id: string, extDir: string) => ({ id, dir: extDir, manifest: readManifestQuietly(extDir), scripts: [], xyzAxes: [], routePrefix: null, routes: [], settings: new Map(), sections: [] });
  for (const id of discoverExtensions(dir)) {
    const extDir = path.join(dir, id);
    if (disabled.includes(id)) {
      out.push({ ...unloaded(id, extDir), status: "disabled" });
      continue;
    }
    try {
      const loaded = await loadOne(extDir, id, prefixes, settings);
      if (loaded.routePrefix) prefixes.add(loaded.routePrefix);
      for (const [key, spec] of loaded.settings) settings.set(key, spec);
      out.push({ id, dir: extDir, status: "loaded", ...loaded });
    } catch (error) {
      out.push({ ...unloaded(id, extDir), status: "failed", error: errorText(error) });
    }
  }
  setExtensionOptions(settings, out.flatMap((e) => e.sections));
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
