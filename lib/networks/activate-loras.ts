// A job's LoRAs (A1111's extra networks "lora"/"lyco" activation, docs/lora.md#files-and-prompt-syntax): the tags of the first
// prompt, `<lora:name:w>` or `<lora:name:te:unet>` (also `te=`, `unet=` named), resolved to files; names that
// are not there are named in "Networks not found: …"; the model runs patched UNet and text-encoder graphs; the
// infotext gets `Lora hashes`.
import { findLora, listLoras, loraSha256 } from "@/lib/models/loras";
import type { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import { patchGraph, type LoraUse } from "@/lib/networks/lora-patch";
import { parseExtraNetworkTags, type ExtraNetworkArgs } from "@/lib/networks/prompt-tags";

export interface LoraRequest {
  name: string;
  te: number;
  unet: number;
}

const LORA_TAGS = ["lora", "lyco"];

function multiplier(text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text);
  return Number.isFinite(value) ? value : fallback;
}

/** A1111's LoRA tag arguments: positional name, te, unet; `te=` / `unet=` named; unet defaults to te, te to 1. */
export function loraRequest(args: ExtraNetworkArgs): LoraRequest {
  const positional = args.filter((a) => !a.includes("="));
  const named = new Map(args.filter((a) => a.includes("=")).map((a) => [a.slice(0, a.indexOf("=")).trim(), a.slice(a.indexOf("=") + 1)]));
  const te = multiplier(named.get("te") ?? positional[1], 1);
  return { name: positional[0] ?? "", te, unet: multiplier(named.get("unet") ?? positional[2], te) };
}

/** The LoRA tags of a prompt, in order. */
export function loraRequests(prompt: string): LoraRequest[] {
  const { tags } = parseExtraNetworkTags(prompt);
  return LORA_TAGS.flatMap((type) => (tags.get(type) ?? []).map(loraRequest));
}

export interface ActivatedLoras {
  /** `Lora hashes` infotext value, or null when no LoRA was applied. */
  hashes: string | null;
  warnings: string[];
  /** Whether ΔW was computed for this job (false when the patched graphs came from the cache). */
  patched: boolean;
}

/** Patches `model`'s graphs for the LoRAs of `prompt` (or restores the own graphs when there are none). */
export async function activateLoras(model: StableDiffusionModel, prompt: string): Promise<ActivatedLoras> {
  const requests = loraRequests(prompt);
  const installed = requests.length > 0 ? listLoras() : [];
  const missing: string[] = [];
  const found: Array<{ request: LoraRequest; file: string; sha256: string }> = [];
  for (const request of requests) {
    const lora = findLora(request.name, installed);
    if (!lora) missing.push(request.name);
    else found.push({ request, file: lora.path, sha256: loraSha256(lora.path) });
  }
  const uses = (part: "te" | "unet"): LoraUse[] => found.map((f) => ({ name: f.request.name, file: f.file, sha256: f.sha256, multiplier: f.request[part] }));
  const unet = await patchGraph(model.folder.unet, "unet", uses("unet"));
  const textEncoder = await patchGraph(model.folder.textEncoder, "textEncoder", uses("te"));
  await model.useGraphs({
    unet: unet.graph === model.folder.unet ? undefined : unet.graph,
    textEncoder: textEncoder.graph === model.folder.textEncoder ? undefined : textEncoder.graph,
  });
  const warnings: string[] = [];
  if (missing.length > 0) warnings.push(`Networks not found: ${missing.join(", ")}`);
  for (const f of found) {
    const unmatched = [...(unet.unmatched.get(f.request.name) ?? []), ...(textEncoder.unmatched.get(f.request.name) ?? [])];
    if (unmatched.length > 0) warnings.push(`Lora ${f.request.name}: ${unmatched.length} keys map to no node of this model (${unmatched.slice(0, 5).join(", ")}${unmatched.length > 5 ? ", …" : ""})`);
  }
  // A1111's add_lora_hashes: the name as mentioned, without ":" and ",", and the first 12 hex digits.
  const hashes = found.map((f) => `${f.request.name.replace(/[:,]/g, "")}: ${f.sha256.slice(0, 12)}`);
  return { hashes: hashes.length > 0 ? hashes.join(", ") : null, warnings, patched: unet.patched || textEncoder.patched };
}
