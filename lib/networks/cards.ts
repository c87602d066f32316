// The Extra Networks panel's cards (A1111's extra networks pages): checkpoints, LoRAs and the textual-inversion
// embeddings the current checkpoint can use, with the preview image beside the file (`name.png` or
// `name.preview.png`) as a data URL, and the text a click inserts (an embedding's name, docs/textual-inversion.md#extra-networks).
import fs from "node:fs";
import path from "node:path";
import { listCheckpoints } from "@/lib/models/checkpoints";
import { listLoras } from "@/lib/models/loras";
import type { EmbeddingDatabase } from "@/lib/networks/embedding-database";
import { forbiddenAliases, loraPromptName } from "@/lib/networks/lora-alias";

export interface ExtraNetworkCard {
  name: string;
  /** Shown under the name (the alias, a checkpoint's hash). */
  description: string;
  /** data: URL of the preview image, or null for the placeholder. */
  preview: string | null;
  /** For "Date modified" sorting. */
  mtimeMs: number;
  /** What a click does: text inserted into the prompt, or the checkpoint title to select. */
  action: { insert: string } | { checkpoint: string };
}

export interface ExtraNetworkCards {
  checkpoints: ExtraNetworkCard[];
  lora: ExtraNetworkCard[];
  textualInversion: ExtraNetworkCard[];
}

/** Previews above this are shown as the placeholder (a card is a thumbnail). */
const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;
const PREVIEW_TYPES: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp" };

/** A1111's find_preview: `<base>.<ext>` or `<base>.preview.<ext>` for png, jpg, jpeg, webp. */
function preview(base: string): string | null {
  for (const suffix of ["", ".preview"]) {
    for (const [ext, mime] of Object.entries(PREVIEW_TYPES)) {
      const file = `${base}${suffix}${ext}`;
      if (!fs.existsSync(file) || fs.statSync(file).size > MAX_PREVIEW_BYTES) continue;
      return `data:${mime};base64,${fs.readFileSync(file).toString("base64")}`;
    }
  }
  return null;
}

const mtime = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/**
 * `multiplier`: A1111's "Default multiplier for extra networks"; `preferFilename`: lora_preferred_name = Filename;
 * `embeddings`: the current checkpoint's (its loaded ones are the cards; null without a checkpoint).
 */
export function extraNetworkCards(multiplier: number, preferFilename: boolean, embeddings: EmbeddingDatabase | null): ExtraNetworkCards {
  const checkpoints = listCheckpoints().map((c) => ({
    name: c.name,
    description: c.hash,
    preview: preview(c.dir),
    mtimeMs: mtime(c.dir),
    action: { checkpoint: c.title },
  }));
  const loras = listLoras();
  const forbidden = forbiddenAliases(loras);
  const lora = loras.map((l) => {
    const name = loraPromptName(l, forbidden, preferFilename);
    return { name: l.name, description: l.alias === l.name ? "" : l.alias, preview: preview(l.path.slice(0, -path.extname(l.path).length)), mtimeMs: mtime(l.path), action: { insert: `<lora:${name}:${multiplier}>` } };
  });
  const textualInversion = [...(embeddings?.loaded.values() ?? [])].map((e) => ({
    name: e.name,
    description: "",
    preview: preview(e.file.path.slice(0, -path.extname(e.file.path).length)),
    mtimeMs: mtime(e.file.path),
    action: { insert: e.name },
  }));
  return { checkpoints, lora, textualInversion };
}
