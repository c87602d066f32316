// The process-wide set of loaded extensions. Next.js compiles route handlers, server actions and
// the page into separate bundles, each with its own copy of this module, so the state is a process
// singleton: every bundle sees one registry, loaded once (lazily, on first use) and replaced only
// by `reloadExtensions()`. Loading never throws: a broken extension is a "failed" entry, and even a
// broken extensions folder only leaves the registry empty.
import { processSingleton } from "@/lib/process-singleton";
import type { ExtensionRoute } from "@/lib/scripts/extension-api";
import { extensionsDir, loadExtensions, type ExtensionStatus, type LoadedExtension } from "@/lib/scripts/extension-loader";
import type { XyzAxis } from "@/lib/scripts/xyz-plot/axes";
import type { AnyScript, ScriptKind, ScriptTab } from "@/lib/scripts/script";

/** A script as the Extensions tab lists it. */
export interface ExtensionScriptInfo {
  id: string;
  title: string;
  tabs: ScriptTab[];
  kind: ScriptKind;
}

/** One installed extension as plain data (what server actions can send to the browser). */
export interface ExtensionInfo {
  /** The folder name: what `disabled_extensions` stores. */
  id: string;
  name: string;
  version: string;
  description: string;
  status: ExtensionStatus;
  /** Why it failed to load; only for status "failed". */
  error?: string;
  scripts: ExtensionScriptInfo[];
  /** Labels of the X/Y/Z axes it registers. */
  xyzAxes: string[];
  /** Its HTTP routes, "GET /adetailer/v1/ad_model". */
  routes: string[];
}

interface RegistryState {
  loading: Promise<LoadedExtension[]> | null;
}

const registry = () => processSingleton<RegistryState>("extensionRegistry", () => ({ loading: null }));

async function loadSafely(): Promise<LoadedExtension[]> {
  const dir = extensionsDir();
  try {
    const extensions = await loadExtensions(dir);
    for (const e of extensions) if (e.status === "failed") console.error(`[extensions] ${e.id} failed to load: ${e.error}`);
    return extensions;
  } catch (error) {
    console.error(`[extensions] could not read ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** The loaded extensions, loading them on the first call. */
function loaded(): Promise<LoadedExtension[]> {
  const state = registry();
  return (state.loading ??= loadSafely());
}

/**
 * Resolves once the extensions are loaded, so their settings are in the catalogue: every reader of the
 * settings from outside (the API, the page, the Settings tab's actions) awaits it before looking a key up.
 */
export async function extensionsReady(): Promise<void> {
  await loaded();
}

/** Loads every extension again (after enable/disable); jobs already running keep their scripts. */
export async function reloadExtensions(): Promise<ExtensionInfo[]> {
  registry().loading = loadSafely();
  return installedExtensions();
}

function toInfo(e: LoadedExtension): ExtensionInfo {
  return {
    id: e.id,
    name: e.manifest?.name ?? e.id,
    version: e.manifest?.version ?? "",
    description: e.manifest?.description ?? "",
    status: e.status,
    ...(e.error === undefined ? {} : { error: e.error }),
    scripts: e.scripts.map((s) => ({ id: s.id, title: s.title, tabs: [...s.tabs], kind: s.kind })),
    xyzAxes: e.xyzAxes.map((a) => a.label),
    routes: e.routes.map((r) => `${r.method} /${e.routePrefix}${r.path}`),
  };
}

/** Every installed extension, in load order, with its status. */
export async function installedExtensions(): Promise<ExtensionInfo[]> {
  return (await loaded()).map(toInfo);
}

/** The scripts of enabled, loaded extensions that show on `tab`, in load order (for a job). */
export async function activeScripts(tab: ScriptTab): Promise<AnyScript[]> {
  return (await loaded()).filter((e) => e.status === "loaded").flatMap((e) => e.scripts.filter((s) => s.tabs.includes(tab)));
}

/** The X/Y/Z axes enabled, loaded extensions registered, in load order (appended to the built-in ones). */
export async function extensionXyzAxes(): Promise<XyzAxis[]> {
  return (await loaded()).filter((e) => e.status === "loaded").flatMap((e) => e.xyzAxes);
}

/** The routes of the enabled extension mounted at `/<prefix>`; null when none is. */
export async function extensionRoutes(prefix: string): Promise<ExtensionRoute[] | null> {
  const owner = (await loaded()).find((e) => e.status === "loaded" && e.routePrefix === prefix);
  return owner ? owner.routes : null;
}
