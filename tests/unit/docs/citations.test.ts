// The repository stands on its own: code comments cite the behaviour notes in docs/ (every cited file and section
// exists), never a document outside the repository, and no source holds an absolute path of one machine.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SOURCE = /\.(ts|tsx|mts|js|mjs|cjs|sh)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || rel === path.join("lib", "generated") ? [] : sourceFiles(rel);
    return SOURCE.test(entry.name) ? [rel] : [];
  });
}

const files = [...["lib", "app", "extensions", "tests", "scripts"].flatMap(sourceFiles), ".ci/run", ...fs.readdirSync(root).filter((f) => SOURCE.test(f))];
const text = new Map(files.map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
const anchorsOf = (doc: string) => new Set([...fs.readFileSync(path.join(root, doc), "utf8").matchAll(/^#+\s+(.+)$/gm)].map((m) => slug(m[1])));

const hits = (pattern: RegExp) => [...text].flatMap(([file, body]) => [...body.matchAll(pattern)].map((m) => `${file}: ${m[0]}`));

describe("citations", () => {
  it("cite only docs/ of this repository", () => {
    // Built from pieces so that this file does not match itself.
    const outside = new RegExp(["a1111" + "-spec", "samplers\\.md \\u00a7", "extensions" + "-spec", "onnx-sd" + "-format", "shared/" + "docs", "\\u00a7"].join("|"), "g");
    expect(hits(outside)).toEqual([]);
  });

  it("name files and sections that exist", () => {
    const cited = hits(/\bdocs\/[\w/.-]+\.md(#[\w-]+)?/g).map((hit) => hit.slice(hit.indexOf(": ") + 2));
    expect(cited.length).toBeGreaterThan(100);
    const missing = [...new Set(cited)].filter((ref) => {
      const [doc, anchor] = ref.split("#");
      if (!fs.existsSync(path.join(root, doc))) return true;
      return anchor !== undefined && !anchorsOf(doc).has(anchor);
    });
    expect(missing).toEqual([]);
  });

  it("hold no absolute path of a particular machine", () => {
    const machinePath = new RegExp(`["'\`](/(?:${["work", "home", "root", "Users"].join("|")})/|[A-Z]:\\\\)`, "g");
    expect(hits(machinePath)).toEqual([]);
  });

  it("docs/ links to files and sections of its own that exist", () => {
    const docs = (dir: string): string[] =>
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? docs(path.join(dir, e.name)) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []));
    const broken = docs("docs").flatMap((doc) =>
      [...fs.readFileSync(path.join(root, doc), "utf8").matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1])
        .filter((link) => !/^[a-z]+:/.test(link))
        .filter((link) => {
          const [file, anchor] = link.split("#");
          const target = file ? path.join(path.dirname(doc), file) : doc;
          if (!fs.existsSync(path.join(root, target))) return true;
          return anchor !== undefined && !anchorsOf(target).has(anchor);
        })
        .map((link) => `${doc}: ${link}`),
    );
    expect(broken).toEqual([]);
  });
});
