// Tests that load extensions through the process-wide registry: a temp root whose exts/ is the extensions folder
// (data/ and models/ beside it), filled by the caller, and the registry dropped before and after so it loads
// from there and the next test file starts from its own folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

const REGISTRY = Symbol.for("onyx.extensionRegistry");
const dropRegistry = () => delete (globalThis as Record<symbol, unknown>)[REGISTRY];

/** Registers the hooks in the calling suite; returns the temp root (valid inside tests). */
export function useTempExtensions(prefix: string, populate: (root: string) => void): () => string {
  let root = "";
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), `onyx-${prefix}-`));
    populate(root);
    process.env.EXTENSIONS_DIR = path.join(root, "exts");
    process.env.DATA_DIR = path.join(root, "data");
    process.env.MODELS_DIR = path.join(root, "models");
    dropRegistry();
  });
  afterAll(() => {
    delete process.env.EXTENSIONS_DIR;
    delete process.env.DATA_DIR;
    delete process.env.MODELS_DIR;
    dropRegistry();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return () => root;
}
