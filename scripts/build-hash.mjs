// Whether `next build` must run again (docs/server-process.md#rebuilding-only-when-the-sources-changed): a sha256 over the path and
// contents of every file the build reads — the app and lib sources (with the generated Prisma
// client), the build configs, the lockfile — and the NEXT_PUBLIC_ variables Next.js inlines. It is
// written beside the build after a successful one; an equal hash on the next start means the build
// would produce the same output, so it is skipped.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = ["app", "lib", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json", "prisma/schema.prisma"];
const STAMP = path.join(".next", "onyx-source-hash");

function files(entry) {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

/** The hash of the build's inputs in the working directory. */
export function sourceHash(env) {
  const h = crypto.createHash("sha256");
  for (const file of INPUTS.flatMap(files).sort()) {
    h.update(`${file}\0`);
    h.update(fs.readFileSync(file));
    h.update("\0");
  }
  for (const key of Object.keys(env).filter((k) => k.startsWith("NEXT_PUBLIC_")).sort()) h.update(`${key}=${env[key]}\0`);
  return h.digest("hex");
}

/** True when a finished build exists and was made from sources with this hash. */
export function buildIsCurrent(hash) {
  return fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8").trim() === hash;
}

export function recordBuild(hash) {
  fs.writeFileSync(STAMP, `${hash}\n`);
}
