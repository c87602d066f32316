// A1111 keeps the last cond and uncond (cached_c / cached_uc) and reuses them when the next batch
// or job asks for the same prompts under the same settings, so a new seed costs no text-encoder
// run. One slot per kind and text encoder (the own or a LoRA-patched one, so a LoRA change is a miss), like
// A1111; the key covers everything else the result depends on.

const slotsByModel = new WeakMap<object, Map<string, { key: string; value: Promise<unknown> }>>();

export function cachedConditioning<T>(model: object, slot: string, key: string, compute: () => Promise<T>): Promise<T> {
  let slots = slotsByModel.get(model);
  if (!slots) slotsByModel.set(model, (slots = new Map()));
  const hit = slots.get(slot);
  if (hit?.key === key) return hit.value as Promise<T>;
  const value = compute();
  slots.set(slot, { key, value });
  // A failed computation must not stay cached.
  value.catch(() => slots.get(slot)?.value === value && slots.delete(slot));
  return value;
}

/** Scripts' extra prompts (regions, ADetailer's prompts): the last `capacity` results per model, by key. */
const recentByModel = new WeakMap<object, Map<string, Promise<unknown>>>();

export function recentConditioning<T>(model: object, key: string, compute: () => Promise<T>, capacity = 64): Promise<T> {
  let recent = recentByModel.get(model);
  if (!recent) recentByModel.set(model, (recent = new Map()));
  const hit = recent.get(key);
  if (hit) {
    // Most recently used last: Map keeps insertion order.
    recent.delete(key);
    recent.set(key, hit);
    return hit as Promise<T>;
  }
  const value = compute();
  recent.set(key, value);
  if (recent.size > capacity) recent.delete(recent.keys().next().value!);
  value.catch(() => recent.get(key) === value && recent.delete(key));
  return value;
}
