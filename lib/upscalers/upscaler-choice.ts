// An upscaler as scripts' arguments name it (docs/upscalers.md#choosing-by-argument): A1111's upscaler radios
// send an index into the upscaler list (`type="index"`), API clients often a name instead.

/**
 * The upscaler an argument names in `names` (the /sdapi/v1/upscalers list): a name, the same name in another case,
 * or an index — a number, or digits (the string parameter receives an index as its text). Anything else throws.
 */
export function upscalerName(value: unknown, names: readonly string[]): string {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : null;
  if (text !== null) {
    if (names.includes(text)) return text;
    const folded = names.filter((n) => n.toLowerCase() === text.toLowerCase());
    if (folded.length === 1) return folded[0];
    if (/^\d+$/.test(text.trim()) && Number(text) < names.length) return names[Number(text)];
  }
  throw new RangeError(`upscaler ${JSON.stringify(value)} is neither the name nor the index of one of ${names.map((n, i) => `${i} "${n}"`).join(", ")}`);
}
