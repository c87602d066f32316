"use server";
// The Extra Networks panel's data: the cards of every tab, read from the model and embeddings folders on each call
// (the panel's refresh button calls it again).
import { listCheckpoints } from "@/lib/models/checkpoints";
import { extraNetworkCards, type ExtraNetworkCards } from "@/lib/networks/cards";
import { currentEmbeddings } from "@/lib/networks/embedding-database";
import { loadOptions } from "@/lib/settings/store";

export async function loadExtraNetworkCards(): Promise<ExtraNetworkCards> {
  const options = loadOptions();
  // Without a checkpoint there is no text encoder to match embeddings against.
  const embeddings = listCheckpoints().length > 0 ? await currentEmbeddings() : null;
  return extraNetworkCards(options.extra_networks_default_multiplier, options.lora_preferred_name === "Filename", embeddings);
}
