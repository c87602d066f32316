import { describe, expect, it } from "vitest";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { formatInfotextItem, quoteInfotextValue, type InfotextValue } from "@/lib/infotext/values";
import { appendInfotextFields, createInfotext, type InfotextParams } from "@/lib/infotext/writer";
import { formatPythonFloat } from "@/lib/python/float";
import { pyFloat } from "@/lib/python/str";

const base: InfotextParams = {
  prompt: "a cat",
  negativePrompt: "blurry",
  steps: 20,
  sampler: "DPM++ 2M",
  scheduleType: "Automatic",
  cfgScale: 7,
  seed: 1234,
  width: 512,
  height: 768,
  modelHash: "6ce0161689",
  model: "v1-5-pruned-emaonly",
  version: "v1.10.1",
};

describe("Python float formatting (str(float))", () => {
  it("matches Python's repr for the documented values", () => {
    expect(formatPythonFloat(0.1)).toBe("0.1");
    expect(formatPythonFloat(7.0)).toBe("7.0");
    expect(formatPythonFloat(1e-5)).toBe("1e-05");
    expect(formatPythonFloat(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(formatPythonFloat(1e16)).toBe("1e+16");
    expect(formatPythonFloat(123456789.0)).toBe("123456789.0");
  });

  it("switches to exponent form below 1e-4 and from 1e16 only", () => {
    expect(formatPythonFloat(1e-4)).toBe("0.0001");
    expect(formatPythonFloat(1.5e-7)).toBe("1.5e-07");
    expect(formatPythonFloat(1e15)).toBe("1000000000000000.0");
    expect(formatPythonFloat(-2.5e22)).toBe("-2.5e+22");
    expect([Infinity, -Infinity, NaN, -0].map(formatPythonFloat)).toEqual(["inf", "-inf", "nan", "-0.0"]);
  });

  it("tells ints from floats and prints booleans the Python way", () => {
    const item = (v: InfotextValue) => formatInfotextItem("K", v);
    expect([item(7), item(pyFloat(7)), item(0.75), item(true), item(false)]).toEqual(["K: 7", "K: 7.0", "K: 0.75", "K: True", "K: False"]);
  });
});

describe("quoting (docs/a1111/infotext.md#values-and-quoting)", () => {
  it("JSON-quotes values with comma, colon or newline, keeping non-ASCII", () => {
    expect(quoteInfotextValue('castle, detailed, "sharp"')).toBe('"castle, detailed, \\"sharp\\""');
    expect(quoteInfotextValue("add_detail: 7c6bad76eb54")).toBe('"add_detail: 7c6bad76eb54"');
    expect(quoteInfotextValue("a\nb")).toBe('"a\\nb"');
    expect(quoteInfotextValue("château, été")).toBe('"château, été"');
    expect(quoteInfotextValue('only "quotes"')).toBe('only "quotes"');
  });

  it("writes a key alone when its value equals the key", () => {
    expect(formatInfotextItem("Foo", "Foo")).toBe("Foo");
  });
});

describe("createInfotext", () => {
  it("writes the three parts and the fixed key order (API request: Python floats)", () => {
    expect(createInfotext({ ...base, pythonFloats: true })).toBe(
      "a cat\nNegative prompt: blurry\n" +
        "Steps: 20, Sampler: DPM++ 2M, Schedule type: Automatic, CFG scale: 7.0, Seed: 1234, Size: 512x768, " +
        "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.10.1",
    );
  });

  it("writes whole-valued floats as the UI sends them (JSON numbers) unless told otherwise", () => {
    expect(createInfotext(base)).toContain(", CFG scale: 7, Seed: 1234,");
    expect(createInfotext({ ...base, cfgScale: 7.5 })).toContain(", CFG scale: 7.5, ");
  });

  it("omits the negative prompt line when empty and strips an empty prompt", () => {
    expect(createInfotext({ ...base, prompt: "", negativePrompt: "" })).toMatch(/^Steps: 20, /);
  });

  it("lets extras replace a fixed key in place, appends the rest in order and drops null ones", () => {
    const extras = new Map<string, InfotextValue | null>([
      ["Schedule type", "Karras"],
      ["Denoising strength", pyFloat(0.7)],
      ["Hires prompt", 'castle, detailed, "sharp"'],
      ["Hires upscale", 2],
      ["Dropped", null],
    ]);
    expect(createInfotext({ ...base, negativePrompt: "", clipSkip: 2, rng: "CPU", pythonFloats: true }, extras)).toBe(
      "a cat\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Seed: 1234, Size: 512x768, " +
        "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.7, Clip skip: 2, RNG: CPU, " +
        'Hires prompt: "castle, detailed, \\"sharp\\"", Hires upscale: 2, Version: v1.10.1',
    );
  });

  it("applies the value conditions of docs/a1111/infotext.md#parameter-line (Clip skip > 1, RNG ≠ GPU, variation strength ≠ 0)", () => {
    const text = createInfotext({ ...base, clipSkip: 1, rng: "GPU", variationSeed: 5, variationSeedStrength: 0, tiling: false });
    expect(text).not.toMatch(/Clip skip|RNG|Variation|Tiling/);
    expect(createInfotext({ ...base, variationSeed: 5, variationSeedStrength: 0.5 })).toContain("Variation seed: 5, Variation seed strength: 0.5");
  });
});

describe("parseGenerationParameters (docs/a1111/infotext.md#parsing)", () => {
  it("round-trips what createInfotext writes", () => {
    const extras = new Map<string, InfotextValue>([["Hires prompt", 'castle, detailed, "sharp"'], ["Hires upscale", 2]]);
    const res = parseGenerationParameters(createInfotext({ ...base, prompt: "a cat,\nmultiline", denoisingStrength: 0.7, pythonFloats: true }, extras));
    expect(res["Prompt"]).toBe("a cat,\nmultiline");
    expect(res["Negative prompt"]).toBe("blurry");
    expect(res["Steps"]).toBe("20");
    expect(res["CFG scale"]).toBe("7.0");
    expect([res["Size-1"], res["Size-2"]]).toEqual(["512", "768"]);
    expect(res["Size"]).toBeUndefined();
    expect(res["Hires prompt"]).toBe('castle, detailed, "sharp"');
    expect(res["Denoising strength"]).toBe("0.7");
    expect(res["Version"]).toBe("v1.10.1");
  });

  it("treats a last line with fewer than 3 items as prompt text (docs/a1111/quirks.md#q17)", () => {
    const res = parseGenerationParameters("a cat\nSteps: 20, Sampler: Euler a");
    expect(res["Prompt"]).toBe("a cat\nSteps: 20, Sampler: Euler a");
    expect(res["Steps"]).toBeUndefined();
  });

  it("collects the negative prompt from its line on, stripping each line", () => {
    const res = parseGenerationParameters("  a cat  \n  on a mat \nNegative prompt:  ugly \n bad hands\nSteps: 5, Seed: 1, Size: 64x64");
    expect(res["Prompt"]).toBe("a cat\non a mat");
    expect(res["Negative prompt"]).toBe("ugly\nbad hands");
  });

  it("adds the defaults of a v1.10.1 paste", () => {
    const res = parseGenerationParameters("x\nSteps: 20, Sampler: Euler a, Seed: 1, Version: v1.10.1");
    expect(res).toMatchObject({
      "Clip skip": "1",
      "Hires resize-1": "0",
      "Hires resize-2": "0",
      "Hires sampler": "Use same sampler",
      "Hires schedule type": "Use same scheduler",
      "Hires checkpoint": "Use same checkpoint",
      "Hires prompt": "",
      "Hires negative prompt": "",
      "Mask mode": "Inpaint masked",
      "Masked content": "original",
      "Inpaint area": "Whole picture",
      "Masked area padding": "32",
      RNG: "GPU",
      "Schedule type": "Automatic",
      "Schedule max sigma": "0",
      "Schedule min sigma": "0",
      "Schedule rho": "0",
      "VAE Encoder": "Full",
      "VAE Decoder": "Full",
      "FP8 weight": "Disable",
      "Refiner switch by sampling steps": "False",
    });
    expect(res["Emphasis"]).toBeUndefined();
    expect(res["Cache FP16 weight for LoRA"]).toBeUndefined();
    expect(res["Downcast alphas_cumprod"]).toBeUndefined();
  });

  it("sets Emphasis Original only when a weight other than 1 is used (BREAK does not count)", () => {
    expect(parseGenerationParameters("a (cat)\nSteps: 1, Seed: 1, Size: 8x8")["Emphasis"]).toBe("Original");
    expect(parseGenerationParameters("a BREAK cat\nSteps: 1, Seed: 1, Size: 8x8")["Emphasis"]).toBeUndefined();
    expect(parseGenerationParameters("a (cat)\nSteps: 1, Seed: 1, Emphasis: No norm")["Emphasis"]).toBe("No norm");
  });

  it("splits every WxH value into -1/-2 keys and keeps non-ASCII prompts", () => {
    const res = parseGenerationParameters("猫, café\nSteps: 1, Hires resize: 1024x768, Seed resize from: 640x480");
    expect(res["Prompt"]).toBe("猫, café");
    expect([res["Hires resize-1"], res["Hires resize-2"]]).toEqual(["1024", "768"]);
    expect([res["Seed resize from-1"], res["Seed resize from-2"]]).toEqual(["640", "480"]);
  });

  it("keeps a quoted value that is not valid JSON as written", () => {
    const res = parseGenerationParameters('x\nSteps: 1, Seed: 2, Bad: "a\\qb"');
    expect(res["Bad"]).toBe('"a\\qb"');
  });

  it("converts old hires-fix infotexts (First pass size)", () => {
    const res = parseGenerationParameters("x\nSteps: 20, Size: 1024x1024, First pass size: 512x512");
    expect([res["Size-1"], res["Size-2"], res["Hires resize-1"], res["Hires resize-2"]]).toEqual(["512", "512", "1024", "1024"]);
    // 0x0 first pass: ~512² pixels rounded up to /64: 1024x768 → scale √(262144/786432) → 640x448.
    const auto = parseGenerationParameters("x\nSteps: 20, Size: 1024x768, First pass size: 0x0");
    expect([auto["Size-1"], auto["Size-2"]]).toEqual(["640", "448"]);
  });

  it("turns on compatibility options for old versions", () => {
    const old = parseGenerationParameters("[a:b:5]\nSteps: 20, Sampler: DDIM, Version: v1.5.2");
    expect(old["Old prompt editing timelines"]).toBe("True");
    expect(old["Pad conds v0"]).toBe("True");
    expect(old["Downcast alphas_cumprod"]).toBe("True");
    const dev = parseGenerationParameters("x\nSteps: 20, Sampler: Euler, Version: v1.7.0-224-gabcdef");
    expect(dev["Downcast alphas_cumprod"]).toBe("True");
    const newer = parseGenerationParameters("x\nSteps: 20, Sampler: Euler, Version: v1.7.0-225-gabcdef");
    expect(newer["Downcast alphas_cumprod"]).toBeUndefined();
    const refiner = parseGenerationParameters("x\nSteps: 20, Refiner: sdxl_refiner, Version: 1.7.0");
    expect(refiner["Refiner switch by sampling steps"]).toBe("True");
  });

  it("infers styles from the prompts when given", () => {
    const styles = [
      { name: "Cinematic", prompt: "cinematic, film grain", negativePrompt: "cartoon" },
      { name: "Framed", prompt: "a framed picture of {prompt}", negativePrompt: "" },
    ];
    const res = parseGenerationParameters(
      "a framed picture of a cat, cinematic, film grain\nNegative prompt: ugly, cartoon\nSteps: 1, Seed: 1, Size: 8x8",
      { styles },
    );
    expect(res["Prompt"]).toBe("a cat");
    expect(res["Negative prompt"]).toBe("ugly");
    expect(JSON.parse(res["Styles array"])).toEqual(["Framed", "Cinematic"]);
  });
});

describe("appendInfotextFields", () => {
  it("inserts fields before Version, quoting as the writer does", () => {
    const text = "a cat\nSteps: 20, Seed: 1, Version: v1.10.1";
    expect(appendInfotextFields(text, new Map<string, InfotextValue>([["Script", "X/Y/Z plot"], ["X Values", "10,20"]]))).toBe(
      'a cat\nSteps: 20, Seed: 1, Script: X/Y/Z plot, X Values: "10,20", Version: v1.10.1',
    );
  });

  it("appends at the end when there is no Version, and leaves the text alone for no fields", () => {
    expect(appendInfotextFields("Steps: 20, Seed: 1", new Map([["X Type", "Steps"]]))).toBe("Steps: 20, Seed: 1, X Type: Steps");
    expect(appendInfotextFields("Steps: 20, Seed: 1", new Map())).toBe("Steps: 20, Seed: 1");
  });
});
