// LoRA files in <models>/Lora (A1111's default folder), listed as A1111's Lora extension lists them
// for `/sdapi/v1/loras`. Onyx does not apply LoRAs yet; the list lets clients see what is there.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";

export interface LoraFile {
  /** File name without extension: what `<lora:name:1>` refers to. */
  name: string;
  /** A1111 takes the alias from the file's metadata (`ss_output_name`); without a reader it is the name. */
  alias: string;
  path: string;
  metadata: Record<string, string>;
}

const LORA_EXTENSIONS = /\.(safetensors|ckpt|pt|onnx)$/i;

export function lorasDir(): string {
  return path.join(onyxPaths().models, "Lora");
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
        found.push({ name, alias: name, path: full, metadata: {} });
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
}
