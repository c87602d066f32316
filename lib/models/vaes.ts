// VAE folders in <models>/VAE (A1111's folder for VAE files): each `<name>/vae_decoder/model.onnx`, optionally
// with `vae_encoder/model.onnx`, is a VAE the `sd_vae` setting can choose instead of the checkpoint's own
// (docs/vae-choice.md).
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { sha256Of } from "@/lib/models/checkpoints";

export interface VaeInfo {
  /** The folder's name: what `sd_vae`, the infotext's `VAE` and `/sdapi/v1/sd-vae` call it. */
  name: string;
  dir: string;
  decoder: string;
  /** Without one, img2img encodes with the checkpoint's own encoder. */
  encoder: string | null;
}

export function vaesDir(): string {
  return path.join(onyxPaths().models, "VAE");
}

/** Every VAE folder, sorted by name. */
export function listVaes(dir = vaesDir()): VaeInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith(".") && fs.existsSync(path.join(dir, d.name, "vae_decoder/model.onnx")))
    .map((d) => {
      const folder = path.join(dir, d.name);
      const encoder = path.join(folder, "vae_encoder/model.onnx");
      return { name: d.name, dir: folder, decoder: path.join(folder, "vae_decoder/model.onnx"), encoder: fs.existsSync(encoder) ? encoder : null };
    })
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
}

/** A1111's short VAE hash: the first 10 hex digits of the sha256 of the decoder graph. */
export function vaeHash(vae: VaeInfo): string {
  return sha256Of(vae.decoder).slice(0, 10);
}

/**
 * The VAE `sd_vae` selects for a checkpoint (A1111's resolve_vae): "None" the checkpoint's own (null),
 * "Automatic" a VAE folder named like the checkpoint or else the own, a name that VAE. A name that is not
 * installed runs the checkpoint's own VAE and says so, as A1111 does.
 */
export function resolveVae(setting: string, checkpointName: string, vaes = listVaes()): { vae: VaeInfo | null; warning?: string } {
  if (!setting || setting === "None") return { vae: null };
  if (setting === "Automatic") return { vae: vaes.find((v) => v.name === checkpointName) ?? null };
  const vae = vaes.find((v) => v.name === setting);
  return vae ? { vae } : { vae: null, warning: `VAE '${setting}' not found; used the checkpoint's own VAE` };
}

/** The values `sd_vae` may take: Automatic, None and every VAE folder's name. */
export function vaeChoices(): string[] {
  return ["Automatic", "None", ...listVaes().map((v) => v.name)];
}
