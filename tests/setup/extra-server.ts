// A second (third, …) server for e2e tests that need other start flags than the shared one: the same
// `scripts/start.mjs --skip-build`, its own port (TEST_PORT + offset) and its own data and outputs
// folders unless given, the shared server's extensions folder (with the SDK probe), output captured so tests
// can read what it printed.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EXTENSIONS_DIR, TEST_PORT } from "./server";

export interface ExtraServer {
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface ExtraServerOptions {
  /** 1…9: the server listens on TEST_PORT + offset. */
  offset: number;
  args?: string[];
  env?: Record<string, string>;
  /** Run folder holding `data/` and `outputs/` (created; default a fresh one under .test-run/). */
  dir?: string;
}

/** Exits (for a start that must fail) or answers any HTTP status on `/`. */
async function waitUntilUp(child: ChildProcess, url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return;
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server on ${url} did not start`);
}

export async function startExtraServer({ offset, args = [], env = {}, dir }: ExtraServerOptions): Promise<ExtraServer & { exitCode: () => number | null }> {
  const port = TEST_PORT + offset;
  const runDir = dir ?? path.resolve(".test-run", `server-${offset}`);
  fs.mkdirSync(runDir, { recursive: true });
  const child = spawn(process.execPath, ["scripts/start.mjs", "--skip-build", "--port", String(port), ...args], {
    env: { ...process.env, DATA_DIR: path.join(runDir, "data"), OUTPUTS_DIR: path.join(runDir, "outputs"), EXTENSIONS_DIR, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitUntilUp(child, url, Date.now() + 120_000);
  return {
    url,
    output: () => output,
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, "SIGTERM"); // the whole group: start script and server
      } catch {
        // already gone
      }
      await exited;
    },
  };
}
