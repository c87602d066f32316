import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractStylesFromPrompt } from "@/lib/infotext/styles";
import { applyStyles, mergeStylePrompt } from "@/lib/styles/apply-styles";
import { loadStyles, parseStylesCsv, saveStyles, stylesCsv } from "@/lib/styles/styles-file";

const styles = [
  { name: "wrap", prompt: "masterpiece, {prompt}, 8k", negativePrompt: "{prompt}, blurry" },
  { name: "tail", prompt: "oil painting", negativePrompt: "lowres" },
];

describe("styles applied as A1111's merge_prompts", () => {
  it("replaces {prompt} with the prompt, exactly", () => {
    expect(mergeStylePrompt("masterpiece, {prompt}, 8k", "a cat")).toBe("masterpiece, a cat, 8k");
    expect(mergeStylePrompt("{prompt} and {prompt}", " a cat ")).toBe(" a cat  and  a cat ");
  });
  it("appends a style without {prompt} after a comma, dropping empty parts", () => {
    expect(mergeStylePrompt(" oil painting ", " a cat ")).toBe("a cat, oil painting");
    expect(mergeStylePrompt("oil painting", "")).toBe("oil painting");
    expect(mergeStylePrompt("", "a cat")).toBe("a cat");
  });
  it("applies several styles in the order selected, each to the result of the previous", () => {
    expect(applyStyles("a cat", ["wrap", "tail"], styles, "prompt")).toBe("masterpiece, a cat, 8k, oil painting");
    expect(applyStyles("a cat", ["tail", "wrap"], styles, "prompt")).toBe("masterpiece, a cat, oil painting, 8k");
    expect(applyStyles("ugly", ["wrap", "tail"], styles, "negativePrompt")).toBe("ugly, blurry, lowres");
  });
  it("an unknown style name applies nothing", () => {
    expect(applyStyles("a cat", ["nope"], styles, "prompt")).toBe("a cat");
  });
  it("infotext style inference takes the applied styles back out", () => {
    const prompt = applyStyles("a cat", ["wrap", "tail"], styles, "prompt");
    const negative = applyStyles("ugly", ["wrap", "tail"], styles, "negativePrompt");
    expect(extractStylesFromPrompt(styles, prompt, negative)).toEqual({ styles: ["wrap", "tail"], prompt: "a cat", negativePrompt: "ugly" });
  });
});

describe("styles.csv", () => {
  it("reads A1111's columns, quoted fields with commas, quotes and line breaks, comments and the old two-column form", () => {
    const text = '\uFEFFname,prompt,negative_prompt\r\n"wrap","masterpiece, {prompt}","say ""no"""\r\n#hidden,x,y\r\n\r\nlines,"a\nb",\r\n';
    expect(parseStylesCsv(text)).toEqual([
      { name: "wrap", prompt: "masterpiece, {prompt}", negativePrompt: 'say "no"' },
      { name: "lines", prompt: "a\nb", negativePrompt: "" },
    ]);
    expect(parseStylesCsv("name,text\nold, a painting\n")).toEqual([{ name: "old", prompt: "a painting", negativePrompt: "" }]);
  });
  it("writes what it reads back unchanged", () => {
    const tricky = [...styles, { name: 'q"uote', prompt: "a\r\nb", negativePrompt: " leading space" }];
    expect(parseStylesCsv(stylesCsv(tricky))).toEqual(tricky);
    expect(stylesCsv([styles[1]])).toBe("name,prompt,negative_prompt\r\ntail,oil painting,lowres\r\n");
  });
  it("saves and loads through the file; no file means no styles", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-styles-"));
    const file = path.join(dir, "styles.csv");
    expect(loadStyles(file)).toEqual([]);
    saveStyles(styles, file);
    expect(loadStyles(file)).toEqual(styles);
    fs.rmSync(dir, { recursive: true });
  });
});
