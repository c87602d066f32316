// From prompt text to the text conditioning the UNet sees, as A1111 builds it (docs/a1111/prompts.md):
// AND split → prompt-editing schedule → 75-token chunks with emphasis → text encoder → emphasis
// applied to the output. All scheduled texts of one prompt are encoded in one batch, so emphasis
// mean restoration spans them as in A1111, and every text of that batch gets the same chunk count.
// Textual-inversion embeddings take their places in the chunks and their vectors go to the text encoder
// (docs/textual-inversion.md).
import type { TokenEmbeds } from "@/lib/models/text-encoder";
import type { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import type { EmbeddingDatabase } from "@/lib/networks/embedding-database";
import { applyEmphasis, promptToChunks, type EmphasisMode, type PromptChunk } from "@/lib/prompts/chunks";
import { getLearnedConditioningPromptSchedules, parseCompositePrompt } from "@/lib/prompts";
import type { ComposablePart, ScheduledConditioning, TextConditioning } from "@/lib/pipeline/conditioning-schedule";
import type { Options } from "@/lib/settings/options";

export interface EncoderSettings {
  clipSkip: number;
  emphasis: EmphasisMode;
  commaPaddingBacktrack: number;
  /** The job's textual-inversion embeddings (in the caches' JSON keys as the files' identities, not the vectors). */
  embeddings: EmbeddingDatabase | null;
}

/** The text-encoder settings a job's options and embeddings imply (also the conditioning caches' key). */
export function encoderSettingsOf(options: Pick<Options, "CLIP_stop_at_last_layers" | "emphasis" | "comma_padding_backtrack">, embeddings: EmbeddingDatabase | null): EncoderSettings {
  return {
    clipSkip: options.CLIP_stop_at_last_layers,
    emphasis: options.emphasis,
    commaPaddingBacktrack: options.comma_padding_backtrack,
    embeddings,
  };
}

export interface ScheduleTimeline {
  steps: number;
  hiresSteps?: number;
  useOldScheduling?: boolean;
}

export class PromptEncoder {
  constructor(private readonly model: StableDiffusionModel, private readonly settings: EncoderSettings) {}

  private chunks(text: string): PromptChunk[] {
    return promptToChunks(this.model.tokenizer, text, {
      emphasis: this.settings.emphasis,
      commaPaddingBacktrack: this.settings.commaPaddingBacktrack,
      embeddings: this.settings.embeddings ?? undefined,
    }).chunks;
  }

  /** Encodes texts in one batch (A1111's `get_learned_conditioning(texts)` call). */
  async encodeTogether(texts: string[]): Promise<TextConditioning[]> {
    const perText = texts.map((t) => this.chunks(t));
    const chunkCount = Math.max(...perText.map((c) => c.length));
    const empty = this.chunks("")[0];
    const padded = perText.map((c) => [...c, ...Array<PromptChunk>(chunkCount - c.length).fill(empty)]);
    const length = empty.ids.length;
    // Chunk-major order: all texts' chunk 0, then all texts' chunk 1, … (one encoder run).
    const ids = new Int32Array(chunkCount * texts.length * length);
    const embeds: TokenEmbeds[] = [];
    for (let c = 0; c < chunkCount; c++) {
      padded.forEach((chunks, t) => {
        const row = c * texts.length + t;
        ids.set(chunks[c].ids, row * length);
        for (const fix of chunks[c].fixes) embeds.push({ row, position: fix.position, vectors: fix.embedding.vectors() });
      });
    }
    const z = await this.model.textEncoder.encode(ids, chunkCount * texts.length, this.settings.clipSkip, embeds);
    const dim = z.shape[2];
    const perChunk = texts.length * length * dim;
    const out = texts.map(() => new Float32Array(chunkCount * length * dim));
    for (let c = 0; c < chunkCount; c++) {
      const zc = z.data.slice(c * perChunk, (c + 1) * perChunk);
      const weights = new Float32Array(texts.length * length);
      padded.forEach((chunks, t) => weights.set(chunks[c].weights, t * length));
      applyEmphasis(zc, weights, dim, this.settings.emphasis);
      texts.forEach((_, t) => out[t].set(zc.subarray(t * length * dim, (t + 1) * length * dim), c * length * dim));
    }
    return out.map((data) => ({ data, tokens: chunkCount * length, dim }));
  }

  /** A1111 `get_learned_conditioning`: per prompt, its schedule with every distinct text encoded. */
  async learnedConditioning(prompts: string[], timeline: ScheduleTimeline): Promise<ScheduledConditioning[][]> {
    const schedules = getLearnedConditioningPromptSchedules(prompts, timeline.steps, timeline.hiresSteps, timeline.useOldScheduling);
    const byPrompt = new Map<string, ScheduledConditioning[]>();
    for (let i = 0; i < prompts.length; i++) {
      if (byPrompt.has(prompts[i])) continue;
      const conds = await this.encodeTogether(schedules[i].map(([, text]) => text));
      byPrompt.set(prompts[i], schedules[i].map(([endAtStep], k) => ({ endAtStep, cond: conds[k] })));
    }
    return prompts.map((p) => byPrompt.get(p)!);
  }

  /** A1111 `get_multicond_learned_conditioning`: AND parts of each prompt with their weights. */
  async multicondLearnedConditioning(prompts: string[], timeline: ScheduleTimeline): Promise<ComposablePart[][]> {
    const parsed = prompts.map((p) => parseCompositePrompt(p));
    const flat = [...new Set(parsed.flat().map(([text]) => text))];
    const learned = await this.learnedConditioning(flat, timeline);
    const byText = new Map(flat.map((t, i) => [t, learned[i]]));
    return parsed.map((parts) => parts.map(([text, weight]) => ({ schedule: byText.get(text)!, weight })));
  }
}
