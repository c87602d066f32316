// Vitest global setup for HTTP and browser tests: serves the app with `npm start`'s own script
// (build, then scripts/serve.mjs: the request gate in front of Next.js) on a test port, with its own
// data and outputs folders.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

/** Overridable so that several checkouts on one machine can run their e2e suites at once. */
export const TEST_PORT = Number(process.env.ONYX_TEST_PORT ?? 3123);
const RUN_DIR = path.resolve(".test-run");
/** The extensions every test server loads (populated once by setup). */
export const EXTENSIONS_DIR = path.join(RUN_DIR, "extensions");
/** The error the deliberately broken test extension throws while loading. */
export const BROKEN_EXTENSION_ERROR = "broken on purpose: this extension throws at load";
let server: ChildProcess | undefined;

/**
 * The repo's extensions, the tests' own (tests/e2e/extensions: the SDK probe), and one whose entry throws at
 * load (it must show as failed, not stop the server).
 */
function populateExtensions() {
  fs.cpSync(path.resolve("extensions"), EXTENSIONS_DIR, { recursive: true });
  fs.cpSync(path.resolve("tests/e2e/extensions"), EXTENSIONS_DIR, { recursive: true });
  const broken = path.join(EXTENSIONS_DIR, "zz-broken");
  fs.mkdirSync(broken, { recursive: true });
  fs.writeFileSync(path.join(broken, "extension.json"), JSON.stringify({ name: "zz-broken", version: "0.0.1", entry: "index.mjs", description: "Throws at load." }));
  fs.writeFileSync(path.join(broken, "index.mjs"), `throw new Error(${JSON.stringify(BROKEN_EXTENSION_ERROR)});\n`);
}

export async function setup(project: TestProject) {
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  populateExtensions();
  const env = {
    ...process.env,
    EXTENSIONS_DIR,
    DATA_DIR: path.join(RUN_DIR, "data"),
    OUTPUTS_DIR: path.join(RUN_DIR, "outputs"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const args = ["scripts/start.mjs", "--port", String(TEST_PORT)];
  if (process.env.E2E_SKIP_BUILD) args.push("--skip-build");
  server = spawn(process.execPath, args, { env, stdio: "inherit", detached: true });
  const base = `http://127.0.0.1:${TEST_PORT}`;
  // The start includes `next build`, which takes minutes on a loaded 2-core machine.
  const deadline = Date.now() + 900_000;
  let up = false;
  while (!up && Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      up = (await fetch(`${base}/`)).ok;
    } catch {
      // not up yet
    }
    if (!up) await new Promise((r) => setTimeout(r, 300));
  }
  if (!up) throw new Error(`the server on ${base} did not answer within 15 minutes`);
  project.provide("baseUrl", base);
  project.provide("runDir", RUN_DIR);
  project.provide("startPid", server.pid!);
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM"); // the whole process group: start script and next
    } catch {
      // already gone
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    runDir: string;
    /** The `npm start` script's process (its child is the Next.js server, whose child the inference process). */
    startPid: number;
  }
}
