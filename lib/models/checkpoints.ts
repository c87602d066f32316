// The checkpoint list (model folders under <models>/Stable-diffusion) and the one loaded model.
// Loading is serialised and the loaded model is a process singleton, which Next.js route and
// action bundles share.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { isModelFolder, ModelFolderError, readModelFolder } from "@/lib/models/model-folder";
import { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import { processSingleton } from "@/lib/process-singleton";

export interface CheckpointInfo {
  /** Folder name; what infotexts call "Model". */
  name: string;
  dir: string;
  /** First 10 hex digits of sha256(unet/model.onnx), A1111's short "Model hash". */
  hash: string;
  sha256: string;
  /** "name [hash]", as A1111 lists checkpoints. */
  title: string;
}

export function checkpointsDir(): string {
  return path.join(onyxPaths().models, "Stable-diffusion");
}

const hashCache = new Map<string, string>();

/** sha256 of a file, cached by path, size and mtime (A1111 keeps a hash cache the same way). */
export function sha256Of(file: string): string {
  const st = fs.statSync(file);
  const key = `${file}:${st.size}:${st.mtimeMs}`;
  let hash = hashCache.get(key);
  if (!hash) {
    const h = crypto.createHash("sha256");
    const fd = fs.openSync(file, "r");
    try {
      const buf = Buffer.alloc(1 << 20);
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    hash = h.digest("hex");
    hashCache.set(key, hash);
  }
  return hash;
}

export function listCheckpoints(): CheckpointInfo[] {
  const root = checkpointsDir();
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith(".") && isModelFolder(path.join(root, d.name)))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }))
    .map((name) => {
      const dir = path.join(root, name);
      const unet = path.join(dir, "unet/model.onnx");
      const sha256 = fs.existsSync(unet) ? sha256Of(unet) : "";
      const hash = sha256.slice(0, 10);
      return { name, dir, hash, sha256, title: hash ? `${name} [${hash}]` : name };
    });
}

/** Finds a checkpoint by name, title ("name [hash]") or hash, as A1111's settings and infotexts refer to them. */
export function findCheckpoint(ref: string): CheckpointInfo | undefined {
  const all = listCheckpoints();
  return all.find((c) => c.title === ref || c.name === ref) ?? all.find((c) => c.hash && (c.hash === ref || c.sha256 === ref));
}

/**
 * The checkpoint `ref` names when its folder is complete (the files and configs readModelFolder checks),
 * or why it cannot be chosen: a broken folder is refused when it is selected, not at the next Generate,
 * and the stored choice stays the previous one (docs/onnx-format.md#folder-layout).
 */
export function usableCheckpoint(ref: string): { ok: true; info: CheckpointInfo } | { ok: false; missing: boolean; error: string } {
  const info = findCheckpoint(ref);
  if (!info) return { ok: false, missing: true, error: `checkpoint "${ref}" not found` };
  try {
    readModelFolder(info.dir);
  } catch (e) {
    if (e instanceof ModelFolderError) return { ok: false, missing: false, error: `cannot use this model: ${e.message}` };
    throw e;
  }
  return { ok: true, info };
}

/** The checkpoint the settings name, or the first one when that is gone (as A1111 falls back at start-up). */
export function defaultCheckpoint(ref: string): CheckpointInfo {
  const found = ref ? findCheckpoint(ref) : undefined;
  const info = found ?? listCheckpoints()[0];
  if (!info) throw new Error(`no model folders in ${checkpointsDir()}; add one (see README) or run "npm run fixtures"`);
  return info;
}

interface LoadedState {
  model: StableDiffusionModel | null;
  loading: Promise<StableDiffusionModel> | null;
}
const state = processSingleton<LoadedState>("loadedModel", () => ({ model: null, loading: null }));

/** The loaded model for `ref` (name or title); loads it, releasing the previous one, when needed. */
export async function loadCheckpoint(ref: string): Promise<{ model: StableDiffusionModel; info: CheckpointInfo }> {
  const info = findCheckpoint(ref);
  if (!info) throw new Error(`checkpoint "${ref}" not found in ${checkpointsDir()}`);
  while (state.loading) await state.loading.catch(() => undefined);
  if (state.model?.name === info.name && state.model.folder.dir === info.dir) return { model: state.model, info };
  state.loading = (async () => {
    const previous = state.model;
    state.model = null;
    await previous?.release();
    const model = await StableDiffusionModel.load(info.name, info.dir);
    state.model = model;
    return model;
  })();
  try {
    return { model: await state.loading, info };
  } finally {
    state.loading = null;
  }
}

/** Releases the loaded model (A1111's unload-checkpoint); the next job loads it again. */
export async function unloadCheckpoint(): Promise<void> {
  while (state.loading) await state.loading.catch(() => undefined);
  const previous = state.model;
  state.model = null;
  await previous?.release();
}
