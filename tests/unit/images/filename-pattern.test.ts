// applyFilenamePattern / sanitizeFilenamePart against A1111 1.10's FilenameGenerator, case by case
// from its code: every tag, the "nothing and skip previous text" rule, hashes, time formats, unknown
// tags and the invalid-character rules.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyFilenamePattern, sanitizeFilenamePart, type FilenameContext } from "@/lib/images/filename-pattern";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
// 2024-07-27 13:05:09.250 UTC.
const now = new Date(Date.UTC(2024, 6, 27, 13, 5, 9, 250));

const base: FilenameContext = {
  prompt: "a photo of a cat, (masterpiece:1.2)",
  negativePrompt: "blurry",
  seed: 1234,
  allSeeds: [1234],
  batchSize: 1,
  batchIndex: 0,
  iteration: 0,
  nIter: 1,
  steps: 20,
  cfgScale: 7,
  floatNumbers: false,
  samplerName: "DPM++ 2M",
  scheduler: "Karras",
  width: 512,
  height: 768,
  modelHash: "6ce0161689",
  modelName: "v1-5-pruned emaonly",
  jobTimestamp: "20240727130509",
  styles: [],
  clipSkip: 2,
  denoisingStrength: null,
  now,
};
const batch: FilenameContext = { ...base, seed: 11, allSeeds: [10, 11, 12, 13], batchSize: 2, batchIndex: 1, iteration: 1, nIter: 2 };
const apply = (pattern: string, ctx: Partial<FilenameContext> = {}) => applyFilenamePattern(pattern, { ...base, ...ctx });

describe("applyFilenamePattern", () => {
  it.each([
    ["[seed]", base, "1234"],
    ["[seed]-[prompt_spaces]", base, "1234-a photo of a cat, (masterpiece_1.2)"],
    ["[prompt]", base, "a_photo_of_a_cat,_(masterpiece_1.2)"],
    ["[prompt_words]", base, "a photo of a cat masterpiece 1 2"],
    ["[steps]-[cfg]", base, "20-7"],
    ["[cfg]", { ...base, cfgScale: 7, floatNumbers: true }, "7.0"],
    ["[cfg]", { ...base, cfgScale: 7.5 }, "7.5"],
    ["[width]x[height]", base, "512x768"],
    ["[sampler]", base, "DPM++ 2M"],
    ["[scheduler]", base, "Karras"],
    ["[model_hash]", base, "6ce0161689"],
    ["[model_name]", base, "v1-5-pruned emaonly"],
    ["[job_timestamp]", base, "20240727130509"],
    ["[clip_skip]", base, "2"],
    ["[styles]", base, "None"],
    ["[styles]", { ...base, styles: ["None", "Cinematic", "Film/Grain"] }, "Cinematic, Film_Grain"],
    ["[batch_size]", batch, "2"],
    ["[none]", base, ""],
    ["x[none]y", base, "xy"],
    // Skip rule: the literal text before a tag with nothing to say goes too.
    ["[seed]-[batch_number]", base, "1234"],
    ["[seed]-[batch_number]", batch, "11-2"],
    ["[seed]_[generation_number]", base, "1234"],
    ["[seed]_[generation_number]", batch, "11_4"],
    ["[seed_first]-[seed_last]", base, "1234"],
    ["[seed_first]-[seed_last]", batch, "10-13"],
    ["[seed]-[denoising]", base, "1234"],
    ["[seed]-[denoising]", { ...base, denoisingStrength: 0.75 }, "1234-0.75"],
    ["[batch_number]", { ...batch, zip: true }, ""],
    // Hashes: sha256 hex, 8 characters unless a length is given.
    ["[prompt_hash]", base, sha(base.prompt).slice(0, 8)],
    ["[prompt_hash<12>]", base, sha(base.prompt).slice(0, 12)],
    ["[negative_prompt_hash]", base, sha("blurry").slice(0, 8)],
    ["[full_prompt_hash<4>]", base, sha(`${base.prompt} blurry`).slice(0, 4)],
    ["[prompt_hash<abc>]", base, "[prompt_hash]"],
    // Time: [date] is the local date, [datetime] defaults to %Y%m%d%H%M%S, a zone can be named.
    ["[datetime<%Y%m%d>]", { ...base, now: new Date(2024, 6, 27, 23, 59) }, "20240727"],
    ["[date]", { ...base, now: new Date(2024, 0, 5, 12) }, "2024-01-05"],
    ["[datetime<%Y-%m-%d %H:%M:%S><UTC>]", base, "2024-07-27 13_05_09"],
    ["[datetime<><Asia/Tokyo>]", base, "20240727220509"],
    ["[datetime<%H><No/Such_Zone>]", { ...base, now: new Date(2024, 6, 27, 8) }, "08"],
    ["[datetime<%a %b %j>][none]", base, "Sat Jul 209"],
    // hasprompt: each expected text that occurs, else its default.
    ["[hasprompt<cat|nocat><dog>]", base, "cat"],
    ["[hasprompt<dog|no-dog><cat>]", base, "no-dogcat"],
    // Case-insensitive tags; unknown tags stay, without their arguments; [user] without a user stays.
    ["[SEED]-[Steps]", base, "1234-20"],
    ["[unknown]-[seed]", base, "[unknown]-1234"],
    ["[foo<bar>]", base, "[foo]"],
    ["[user]", base, "[user]"],
    ["[user]", { ...base, user: "alice" }, "alice"],
    ["[vae_filename]", base, "NoneType"],
    ["[vae_filename]", { ...base, vaeFilename: "/models/VAE/.hidden.vae.pt" }, "hidden"],
    ["[seed", base, "[seed"],
    ["a[b[seed]c", base, "a[b1234c"],
  ] as Array<[string, FilenameContext, string]>)("%s → %j", (pattern, ctx, expected) => {
    expect(applyFilenamePattern(pattern, ctx)).toBe(expected);
  });

  it("[prompt_no_styles] removes the style texts around {prompt}", () => {
    expect(apply("[prompt_no_styles]", { prompt: "a cat, cinematic lighting, film grain", stylePrompts: ["{prompt}, cinematic lighting", "film grain"] })).toBe("a cat");
  });

  it("[prompt_words] keeps backslashes (A1111's punctuation class does not split on them) and caps the count", () => {
    expect(apply("[prompt_words]", { prompt: "one two three four five six seven eight nine" })).toBe("one two three four five six seven eight");
    expect(apply("[prompt_words]", { prompt: "a\\b c", maxPromptWords: 2 })).toBe("a_b c");
    expect(apply("[prompt_words]", { prompt: "!!!" })).toBe("empty");
  });

  it("[image_hash] hashes the pixels; without them the tag stays", () => {
    const pixels = new Uint8Array([1, 2, 3]);
    expect(apply("[image_hash<10>]", { imagePixels: pixels })).toBe(createHash("sha256").update(pixels).digest("hex").slice(0, 10));
    expect(apply("[image_hash]")).toBe("[image_hash]");
  });
});

describe("sanitizeFilenamePart", () => {
  it("replaces every invalid character and, by default, spaces", () => {
    expect(sanitizeFilenamePart('a/b\\c:d*e?f"g<h>i|j')).toBe("a_b_c_d_e_f_g_h_i_j");
    expect(sanitizeFilenamePart("tab\there\nnew#line")).toBe("tab_here_new_line");
    expect(sanitizeFilenamePart("a b c", false)).toBe("a b c");
    expect(sanitizeFilenamePart("a b c")).toBe("a_b_c");
  });

  it("strips leading spaces and trailing spaces and dots, after cutting to 128 characters", () => {
    expect(sanitizeFilenamePart("   name ...", false)).toBe("name");
    expect(sanitizeFilenamePart(`${"x".repeat(127)}.y`)).toBe("x".repeat(127));
    expect([...sanitizeFilenamePart("🐱".repeat(200))]).toHaveLength(128);
  });
});
