"use server";
// The Extra Networks panel's data: the cards of every tab, read from the model folders on each call (the
// panel's refresh button calls it again).
import { extraNetworkCards, type ExtraNetworkCards } from "@/lib/networks/cards";
import { loadOptions } from "@/lib/settings/store";

export async function loadExtraNetworkCards(): Promise<ExtraNetworkCards> {
  const options = loadOptions();
  return extraNetworkCards(options.extra_networks_default_multiplier, options.lora_preferred_name === "Filename");
}
