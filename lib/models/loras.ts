// LoRA files in <models>/Lora (A1111's default folder), listed as A1111's Lora extension lists them for
// `/sdapi/v1/loras`: safetensors files, with the metadata of their header and their alias from it.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { readSafetensorsHeader, safetensorsHash } from "@/lib/networks/safetensors";
import { processSingleton } from "@/lib/process-singleton";

export interface LoraFile {
  /** File name without extension: what `<lora:name:1>` refers to. */
  name: string;
  /** A1111 takes the alias from the file's metadata (`ss_output_name`), else the name. */
  alias: string;
  path: string;
  metadata: Record<string, string>;
}

/** Only safetensors: pickled .pt/.ckpt files would run code to be read, so they are not listed. */
const LORA_EXTENSIONS = /\.safetensors$/i;

export function lorasDir(): string {
  return path.join(onyxPaths().models, "Lora");
}

/** A file's header metadata, or none when the header cannot be read (the file is still listed). */
function metadataOf(file: string): Record<string, string> {
  try {
    return readSafetensorsHeader(file).metadata;
  } catch {
    return {};
  }
}

/** Every LoRA file under the folder (sub-folders included, hidden ones skipped), sorted by name. */
export function listLoras(dir = lorasDir()): LoraFile[] {
  if (!fs.existsSync(dir)) return [];
  const found: LoraFile[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && LORA_EXTENSIONS.test(entry.name)) {
        const name = path.basename(entry.name, path.extname(entry.name));
        const metadata = metadataOf(full);
        found.push({ name, alias: metadata.ss_output_name || name, path: full, metadata });
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
}

/** A LoRA by the name a prompt uses: the file name, else the alias (A1111 looks names up before aliases). */
export function findLora(ref: string, loras = listLoras()): LoraFile | undefined {
  return loras.find((l) => l.name === ref) ?? loras.find((l) => l.alias === ref);
}

/** Per server process, not per bundle: a paste (a server action) sees the hashes the jobs computed. */
const hashes = () => processSingleton("loraHashes", () => new Map<string, string>());

function hashKey(file: string): string {
  const st = fs.statSync(file);
  return `${file}:${st.size}:${st.mtimeMs}`;
}

/** The AutoV3 sha256 of a LoRA file, cached by path, size and mtime. */
export function loraSha256(file: string): string {
  const key = hashKey(file);
  let hash = hashes().get(key);
  if (!hash) hashes().set(key, (hash = safetensorsHash(file)));
  return hash;
}

/**
 * The hash known without reading the file (A1111's NetworkOnDisk: the `sshs_model_hash` of its metadata, else the
 * hash cache — here the hashes this process computed), or null.
 */
export function knownLoraSha256(lora: LoraFile): string | null {
  return lora.metadata.sshs_model_hash || (fs.existsSync(lora.path) ? (hashes().get(hashKey(lora.path)) ?? null) : null);
}
