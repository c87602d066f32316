// Textual-inversion embedding files in the embeddings folder (docs/textual-inversion.md#files): every
// `*.safetensors` below it (sub-folders included, hidden names skipped), read as A1111's `create_embedding_from_data`
// reads the tensors: a `clip_g` + `clip_l` pair is an SDXL embedding (width 1280 + 768), a single tensor of any
// name (`emb_params`, `clip_l`, `*`, …) holds the vectors (a 1-D tensor is one vector). Pickled `.pt` / `.bin`
// files are listed as unreadable: unpickling them could run code. Files are read again only when they change.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { readSafetensor, readSafetensorsHeader } from "@/lib/networks/safetensors";

export interface EmbeddingFile {
  /** The file name without its extension: the word a prompt uses. */
  name: string;
  path: string;
  /** Vectors (token places) and the width of each; 0 / null when the file cannot be read. */
  vectors: number;
  shape: number | null;
  /** A1111 reads these from a pickled file's dictionary; a safetensors file has none. */
  step: number | null;
  sdCheckpoint: string | null;
  sdCheckpointName: string | null;
  /** The tensor holding the vectors (null for an SDXL pair or an unreadable file). */
  tensor: string | null;
  /** Why the file cannot be used at all, or null. */
  unreadable: string | null;
}

const PICKLE = /\.(pt|bin)$/i;
const SAFETENSORS = /\.safetensors$/i;

function describe(file: string, name: string): EmbeddingFile {
  const base = { name, path: file, vectors: 0, shape: null, step: null, sdCheckpoint: null, sdCheckpointName: null, tensor: null };
  if (PICKLE.test(file)) return { ...base, unreadable: "pickled .pt/.bin files are not read (unpickling can run code); convert it to .safetensors" };
  try {
    const { tensors } = readSafetensorsHeader(file);
    const g = tensors.get("clip_g");
    const l = tensors.get("clip_l");
    if (g && l) return { ...base, vectors: g.shape[0] ?? 1, shape: (g.shape.at(-1) ?? 0) + (l.shape.at(-1) ?? 0), unreadable: null };
    if (tensors.size !== 1) return { ...base, unreadable: `${tensors.size} tensors in the file; an embedding file holds one (A1111: "embedding file has multiple terms in it")` };
    const [[tensor, entry]] = [...tensors];
    if (!["F32", "F16", "BF16"].includes(entry.dtype) || entry.shape.length < 1 || entry.shape.length > 2) {
      return { ...base, unreadable: `tensor "${tensor}" is ${entry.dtype} [${entry.shape.join(", ")}], not float vectors` };
    }
    const vectors = entry.shape.length === 1 ? 1 : entry.shape[0];
    return { ...base, vectors, shape: entry.shape.at(-1)!, tensor, unreadable: null };
  } catch (e) {
    return { ...base, unreadable: (e as Error).message.replace(`${file}: `, "") };
  }
}

const described = new Map<string, { stamp: string; file: EmbeddingFile }>();

function describeCached(file: string, name: string, st: fs.Stats): EmbeddingFile {
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = described.get(file);
  if (hit?.stamp === stamp && hit.file.name === name) return hit.file;
  const entry = describe(file, name);
  described.set(file, { stamp, file: entry });
  return entry;
}

/**
 * Every embedding file under `dir`, in A1111's load order (os.walk: a folder's files before its sub-folders'), so a
 * later file of the same name replaces an earlier one as A1111's database does. Empty files are skipped, as in A1111.
 */
export function listEmbeddingFiles(dir = onyxPaths().embeddings): EmbeddingFile[] {
  if (!fs.existsSync(dir)) return [];
  const found: EmbeddingFile[] = [];
  const walk = (folder: string) => {
    const entries = fs.readdirSync(folder, { withFileTypes: true }).filter((e) => !e.name.startsWith(".")).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (!(entry.isFile() || entry.isSymbolicLink()) || !(SAFETENSORS.test(entry.name) || PICKLE.test(entry.name))) continue;
      const st = fs.statSync(full, { throwIfNoEntry: false });
      if (!st?.isFile() || st.size === 0) continue;
      found.push(describeCached(full, entry.name.slice(0, -path.extname(entry.name).length), st));
    }
    for (const entry of entries) if (entry.isDirectory()) walk(path.join(folder, entry.name));
  };
  walk(dir);
  return found;
}

/** The vectors of a readable single-tensor file: vectors × shape floats, row-major. */
export function readEmbeddingVectors(file: EmbeddingFile): Float32Array {
  if (!file.tensor) throw new Error(`${file.name}: no vectors to read (${file.unreadable ?? "an SDXL clip_g/clip_l pair"})`);
  return readSafetensor(file.path, readSafetensorsHeader(file.path), file.tensor);
}
