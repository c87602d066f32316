// `ctx.services.model` (docs/extensions.md#model): the loaded checkpoint's files and configuration, its plain
// UNet for calls on any latent crop with any conditioning, and rewritten copies of its graphs opened in the
// inference worker (Tiled VAE's frozen-GroupNorm halves).
import crypto from "node:crypto";
import { CHUNKED_ATTENTION_VARIANT, withChunkedAttention } from "@/lib/models/attention-graph";
import { requireGraph } from "@/lib/models/graph-contract";
import { scoreBytes } from "@/lib/models/memory-profile";
import { checkedSession, chunkedAttentionSession } from "@/lib/models/script-sessions";
import type { Processing } from "@/lib/pipeline/processing";
import { unetFn } from "@/lib/pipeline/unet-call";
import type { ModelService } from "@/lib/scripts/script-services";

const VARIANT = /^[A-Za-z0-9_.-]{1,64}$/;

/** The model service of `p` for the script `owner` (its variants never collide with another script's). */
export function modelService(p: Processing, owner: string): ModelService {
  const { model } = p;
  const folder = model.folder;
  return {
    name: p.checkpoint.name,
    hash: p.checkpoint.hash,
    files: { dir: folder.dir, unet: folder.unet, textEncoder: folder.textEncoder, vaeDecoder: folder.vaeDecoder, vaeEncoder: folder.vaeEncoder },
    vaeScalingFactor: folder.vaeScalingFactor,
    unetInChannels: model.unet.inChannels,
    scheduler: model.scheduler,
    unet: unetFn(model.unet, p.graph),
    async openDerived(graph, variant, rewrite, required, options) {
      if (!VARIANT.test(variant)) throw new Error(`variant "${variant}": use 1–64 letters, digits, "_", "." or "-"`);
      // The rewrite's own text is part of the cache key: a changed rewrite never reuses an old copy.
      const code = crypto.createHash("sha256").update(rewrite.toString()).digest("hex").slice(0, 8);
      const owned = `${owner.replace(/[^A-Za-z0-9_.-]/g, "_")}-${variant}-${code}`;
      if (!options?.chunkedAttention) {
        const session = await model.openDerived(graph, owned, rewrite);
        requireGraph(session, required);
        return checkedSession(session);
      }
      // A graph without an attention the rewrite recognises stays the script's copy (and takes no chunking).
      const chunked = (m: Parameters<typeof rewrite>[0]) => {
        const rewritten = rewrite(m);
        return withChunkedAttention(rewritten) ?? rewritten;
      };
      const session = await model.openDerived(graph, `${owned}-${CHUNKED_ATTENTION_VARIANT}`, chunked);
      requireGraph(session, required);
      return chunkedAttentionSession(session, p.graph.attention);
    },
    attentionScoreBytes: (l, n, m) => scoreBytes(l, n, m, p.graph.attention),
  };
}
