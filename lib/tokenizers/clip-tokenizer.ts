// CLIP's BPE tokenizer as Stable Diffusion model folders ship it (`tokenizer/vocab.json`,
// `merges.txt`, optionally `special_tokens_map.json` and `tokenizer_config.json`), matching
// HF CLIPTokenizer as A1111 uses it: cleanup → lower-case → CLIP pre-tokenisation → byte alphabet → BPE.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { BytePairEncoder, endOfWord } from "@/lib/tokenizers/bpe";
import { fromByteChars, toByteChars } from "@/lib/tokenizers/byte-unicode";
import { cleanText } from "@/lib/tokenizers/clean-text";

const startToken = "<|startoftext|>";
const endToken = "<|endoftext|>";

// CLIP's pre-tokenisation: special tokens, English contractions, letter runs, single digits,
// runs of other non-space characters (so "cat," gives "cat" and ",").
const pretokenPattern =
  /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+/giu;

type SpecialTokenEntry = string | { content: string } | null | undefined;

interface SpecialTokenConfig {
  bos_token?: SpecialTokenEntry;
  eos_token?: SpecialTokenEntry;
  unk_token?: SpecialTokenEntry;
  pad_token?: SpecialTokenEntry;
  model_max_length?: number;
}

function tokenText(entry: SpecialTokenEntry): string | undefined {
  if (entry === null || entry === undefined) return undefined;
  return typeof entry === "string" ? entry : entry.content;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, "utf8")) as T;
}

function parseMerges(text: string): Array<[string, string]> {
  return text
    .split("\n")
    .filter((line) => line.length > 0 && !line.startsWith("#version"))
    .map((line) => {
      const [a, b] = line.split(" ");
      return [a, b];
    });
}

export class ClipTokenizer {
  /** Positions the text encoder takes: start + 75 tokens + end for CLIP. */
  readonly maxLength: number;
  readonly bosId: number;
  readonly eosId: number;
  /** SD1 pads with the end token; SD2 (OpenCLIP) with "!" = id 0. */
  readonly padId: number;
  /** Id of `,</w>`, used by A1111's chunking to break long prompts at commas. */
  readonly commaId: number | undefined;
  private readonly unkId: number;
  private readonly idToToken: string[] = [];
  private readonly bpe: BytePairEncoder;
  private readonly specialIds: Map<string, number>;

  constructor(private readonly vocab: Record<string, number>, merges: Array<[string, string]>, config: SpecialTokenConfig = {}) {
    const idOf = (token: string | undefined, fallback: string): number => {
      const id = vocab[token ?? fallback] ?? vocab[fallback];
      if (id === undefined) throw new Error(`tokenizer vocabulary has no "${token ?? fallback}" token`);
      return id;
    };
    this.bosId = idOf(tokenText(config.bos_token), startToken);
    this.eosId = idOf(tokenText(config.eos_token), endToken);
    this.unkId = idOf(tokenText(config.unk_token), endToken);
    const pad = tokenText(config.pad_token);
    this.padId = pad !== undefined && vocab[pad] !== undefined ? vocab[pad] : this.eosId;
    // HF configs say 77 for CLIP; some say "unbounded" (1e30), which means the model's 77.
    const configured = config.model_max_length;
    this.maxLength = configured !== undefined && configured > 2 && configured < 1e6 ? configured : 77;
    this.commaId = vocab["," + endOfWord];
    for (const [token, id] of Object.entries(vocab)) this.idToToken[id] = token;
    this.bpe = new BytePairEncoder(merges);
    this.specialIds = new Map([[startToken, this.bosId], [endToken, this.eosId]]);
  }

  static async fromDirectory(dir: string): Promise<ClipTokenizer> {
    const required = ["vocab.json", "merges.txt"];
    for (const name of required) {
      const file = path.join(dir, name);
      if (!existsSync(file)) throw new Error(`tokenizer file missing: ${file}`);
    }
    const vocab = await readJson<Record<string, number>>(path.join(dir, "vocab.json"));
    const merges = parseMerges(await readFile(path.join(dir, "merges.txt"), "utf8"));
    // special_tokens_map.json overrides tokenizer_config.json, as in HF's loader.
    const config: SpecialTokenConfig = {};
    for (const name of ["tokenizer_config.json", "special_tokens_map.json"]) {
      const file = path.join(dir, name);
      if (existsSync(file)) Object.assign(config, await readJson<SpecialTokenConfig>(file));
    }
    return new ClipTokenizer(vocab, merges, config);
  }

  /** Token ids of `text`, without start/end tokens and without any length limit. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const [word] of cleanText(text).matchAll(pretokenPattern)) {
      const special = this.specialIds.get(word);
      if (special !== undefined) {
        ids.push(special);
        continue;
      }
      for (const symbol of this.bpe.encodeWord(toByteChars(word))) ids.push(this.vocab[symbol] ?? this.unkId);
    }
    return ids;
  }

  /** [start, up to maxLength − 2 ids (the rest dropped), end, padding] — exactly maxLength ids. */
  encodeForModel(text: string): Int32Array {
    const out = new Int32Array(this.maxLength).fill(this.padId);
    const ids = this.encode(text).slice(0, this.maxLength - 2);
    out[0] = this.bosId;
    out.set(ids, 1);
    out[ids.length + 1] = this.eosId;
    return out;
  }

  /** Text of `ids` up to the first end token (so padding of either kind is ignored), start token skipped. */
  decode(ids: ArrayLike<number>): string {
    const all = Array.from(ids);
    const end = all.indexOf(this.eosId);
    const text = (end < 0 ? all : all.slice(0, end))
      .filter((id) => id !== this.bosId)
      .map((id) => this.idToToken[id] ?? "")
      .join("");
    return fromByteChars(text).replaceAll(endOfWord, " ").trim();
  }
}
