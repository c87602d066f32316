// The LoRA modules of a safetensors file, by kohya name (docs/lora.md#key-formats): kohya keys
// (`lora_unet_…`, `lora_te_…` with `.lora_down.weight`, `.lora_up.weight`, `.alpha`) and diffusers/PEFT keys
// (`unet.….to_q.lora_A.weight` / `lora_B`, `….lora.down.weight` / `lora.up.weight`, `text_encoder.…`), which are
// renamed to the kohya form. Keys of other kinds (LoHa `hada_`, LoKr `lokr_`, Tucker `lora_mid`) are returned as
// unsupported.
import { readSafetensor, type SafetensorsHeader } from "@/lib/networks/safetensors";

export interface LoraModule {
  /** kohya name: `lora_unet_down_blocks_0_…_to_q`. */
  name: string;
  /** [rank, in] or [rank, in, kh, kw]. */
  down: { shape: number[]; key: string };
  /** [out, rank] or [out, rank, 1, 1]. */
  up: { shape: number[]; key: string };
  alphaKey: string | null;
}

const SUFFIXES: Array<[RegExp, "down" | "up" | "alpha"]> = [
  [/\.lora_down\.weight$/, "down"],
  [/\.lora_up\.weight$/, "up"],
  [/\.lora_A(\.default)?\.weight$/, "down"],
  [/\.lora_B(\.default)?\.weight$/, "up"],
  [/\.lora\.down\.weight$/, "down"],
  [/\.lora\.up\.weight$/, "up"],
  [/\.alpha$/, "alpha"],
];

/** A module path in kohya spelling: diffusers/PEFT prefixes become `lora_unet_` / `lora_te_`, dots underscores. */
function kohyaName(path: string): string {
  if (path.startsWith("lora_")) return path;
  const stripped = path.replace(/^base_model\.model\./, "");
  const prefixes: Array<[string, string]> = [
    ["unet.", "lora_unet_"],
    ["text_encoder.", "lora_te_"],
    ["text_encoder_2.", "lora_te2_"],
  ];
  for (const [from, to] of prefixes) if (stripped.startsWith(from)) return to + stripped.slice(from.length).replaceAll(".", "_");
  return stripped.replaceAll(".", "_");
}

export function loraModules(header: SafetensorsHeader): { modules: LoraModule[]; unsupported: string[] } {
  const parts = new Map<string, { down?: string; up?: string; alpha?: string }>();
  const unsupported: string[] = [];
  for (const key of header.tensors.keys()) {
    const match = SUFFIXES.find(([re]) => re.test(key));
    if (!match) {
      unsupported.push(key);
      continue;
    }
    const name = kohyaName(key.replace(match[0], ""));
    const entry = parts.get(name) ?? {};
    entry[match[1]] = key;
    parts.set(name, entry);
  }
  const modules: LoraModule[] = [];
  for (const [name, p] of parts) {
    if (!p.down || !p.up) {
      unsupported.push(...[p.down, p.up, p.alpha].filter((k): k is string => Boolean(k)));
      continue;
    }
    modules.push({ name, down: { key: p.down, shape: header.tensors.get(p.down)!.shape }, up: { key: p.up, shape: header.tensors.get(p.up)!.shape }, alphaKey: p.alpha ?? null });
  }
  return { modules, unsupported };
}

/** A module's up and down matrices and its scale alpha/rank (alpha = rank when the file has none). */
export function readLoraModule(file: string, header: SafetensorsHeader, module: LoraModule) {
  const rank = module.down.shape[0];
  const alpha = module.alphaKey ? readSafetensor(file, header, module.alphaKey)[0] : rank;
  return { up: readSafetensor(file, header, module.up.key), down: readSafetensor(file, header, module.down.key), rank, scale: alpha / rank };
}
