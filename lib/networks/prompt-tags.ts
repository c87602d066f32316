// A1111's extra-network tags in prompts (`extra_networks.parse_prompt`): every `<type:arg1:arg2…>` is cut out
// of the text the encoder sees and collected per type, whether or not a network of that type exists.
// `\w` is Python's Unicode-aware word class.
const EXTRA_NETWORK_TAG = /<([\p{L}\p{N}_]+):([^>]+)>/gu;

/** One tag's arguments split on `:` (`<lora:name:0.8>` → ["name", "0.8"]). */
export type ExtraNetworkArgs = string[];

export function parseExtraNetworkTags(prompt: string): { prompt: string; tags: Map<string, ExtraNetworkArgs[]> } {
  const tags = new Map<string, ExtraNetworkArgs[]>();
  const text = prompt.replace(EXTRA_NETWORK_TAG, (_, type: string, args: string) => {
    tags.set(type, [...(tags.get(type) ?? []), args.split(":")]);
    return "";
  });
  return { prompt: text, tags };
}
