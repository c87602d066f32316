// `npm start` as a user runs it (docs/server-process.md): SIGTERM to the npm process stops every
// process it started and frees the port; a start with unchanged sources skips `next build`, says so,
// and answers within 10 s (issue 22 items 13 and 14).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildIsCurrent, sourceHash } from "../../scripts/build-hash.mjs";
import { EXTENSIONS_DIR, TEST_PORT } from "../setup/server";
import { descendantsOf, isRunning } from "./processes";

const PORT = TEST_PORT + 7;
const RUN_DIR = path.resolve(".test-run", "npm-start");
const started: ChildProcess[] = [];

interface NpmStart {
  child: ChildProcess;
  output: () => string;
  /** Milliseconds from the spawn of `npm start` to the server's first HTTP answer (GET /sdapi/v1/progress). */
  readyAfterMs: number;
  /** Milliseconds from the spawn to the first rendered UI page (GET /), which also loads the extensions. */
  pageAfterMs: number;
}

async function npmStart(): Promise<NpmStart> {
  const t0 = performance.now();
  const child = spawn("npm", ["start", "--", "--port", String(PORT)], {
    env: { ...process.env, DATA_DIR: path.join(RUN_DIR, "data"), OUTPUTS_DIR: path.join(RUN_DIR, "outputs"), EXTENSIONS_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that afterAll can clean up after a failed test; the test itself signals npm alone.
    detached: true,
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not answer:\n${output}`);
    const answered = await fetch(`http://127.0.0.1:${PORT}/sdapi/v1/progress`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (answered) {
      const readyAfterMs = performance.now() - t0;
      expect((await fetch(`http://127.0.0.1:${PORT}/`)).status).toBe(200);
      return { child, output: () => output, readyAfterMs, pageAfterMs: performance.now() - t0 };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  for (const child of started) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

describe("npm start", () => {
  it("stops with every child when npm gets SIGTERM, and a restart with unchanged sources skips the build and answers within 10 s", { timeout: 300_000 }, async () => {
    // The shared server's start built the app and recorded its sources' hash. Were they edited since, this
    // start would rebuild .next under the running shared server and break it for the tests after this one.
    expect(buildIsCurrent(sourceHash(process.env)), "the sources changed since the e2e server's build; run the e2e tests again").toBe(true);
    fs.mkdirSync(RUN_DIR, { recursive: true });
    const first = await npmStart();
    expect(first.output()).toMatch(/Onyx: build skipped: the sources are unchanged since the last build/);
    const tree = descendantsOf(first.child.pid!);
    // npm, the start script, the server (and whatever they run) all hang below the npm process.
    expect(tree.some((p) => p.command.includes("scripts/start.mjs"))).toBe(true);
    expect(tree.some((p) => p.command.includes("scripts/serve.mjs"))).toBe(true);

    process.kill(first.child.pid!, "SIGTERM");
    await exited(first.child);
    await until(() => tree.every((p) => !isRunning(p)), "every process npm start ran to end");
    expect(tree.filter(isRunning)).toEqual([]);
    expect(await portIsFree(PORT)).toBe(true);

    const second = await npmStart();
    expect(second.output()).toMatch(/Onyx: build skipped: the sources are unchanged since the last build \([0-9a-f]{12}\)/);
    expect(second.output()).not.toContain("Creating an optimized production build");
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`npm start with unchanged sources answered after ${seconds(second.readyAfterMs)}, first page after ${seconds(second.pageAfterMs)} (the first start in this test: ${seconds(first.readyAfterMs)}, ${seconds(first.pageAfterMs)})`);
    expect(second.readyAfterMs).toBeLessThan(10_000);

    const secondTree = descendantsOf(second.child.pid!);
    process.kill(second.child.pid!, "SIGTERM");
    await exited(second.child);
    await until(() => secondTree.every((p) => !isRunning(p)), "the second start's processes to end");
    expect(await portIsFree(PORT)).toBe(true);
  });
});
