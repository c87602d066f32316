// Hostile input against a real server (`scripts/start.mjs --skip-build` on BENCH_PORT, default 7869,
// with throwaway data and outputs folders): GET /sdapi/v1/progress is polled back to back while
// png-info reads a PNG whose infotext is one 80,000-character line without commas (the input that
// was quadratic), and while png-info is sent a 10 MB infotext, which is refused. The figures are the
// polls' p95 latency in each phase, next to idle, and the png-info answers' times and statuses.
// Goal: p95 < 200 ms. `npx tsx scripts/bench/hostile.ts` for a quick look.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { writePngText } from "@/lib/images/png-text";

const PORT = Number(process.env.BENCH_PORT ?? 7869);
const BASE = `http://127.0.0.1:${PORT}`;
/** A request the server has not answered by then counts as stalled: the bench fails rather than waits. */
const REQUEST_TIMEOUT_MS = 60_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};

async function startServer(root: string): Promise<() => void> {
  const child = spawn(process.execPath, ["scripts/start.mjs", "--skip-build", "--port", String(PORT)], {
    env: { ...process.env, DATA_DIR: path.join(root, "data"), OUTPUTS_DIR: path.join(root, "outputs"), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // gone
    }
  };
  // A server stuck in a parse cannot run its SIGTERM handler: SIGKILL after a grace period.
  const stop = () => {
    signal("SIGTERM");
    setTimeout(() => signal("SIGKILL"), 5000).unref();
  };
  const deadline = Date.now() + 600_000; // a first run may build the app
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bench server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/sdapi/v1/progress`)).ok) return stop;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error("the bench server did not start");
}

/** Polls /progress back to back until `work` settles; returns the work's outcome and every poll's latency. */
async function pollDuring<T>(work: () => Promise<T>): Promise<{ result: T; latencies: number[]; ms: number }> {
  const latencies: number[] = [];
  let done = false;
  const poller = (async () => {
    while (!done) {
      const start = performance.now();
      await (await fetch(`${BASE}/sdapi/v1/progress?skip_current_image=true`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).arrayBuffer();
      latencies.push(performance.now() - start);
    }
  })();
  const start = performance.now();
  const result = await work().finally(() => (done = true));
  const ms = performance.now() - start;
  await poller;
  return { result, latencies, ms };
}

const pngInfo = async (png: Buffer) => {
  const res = await fetch(`${BASE}/sdapi/v1/png-info`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ image: png.toString("base64") }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await res.arrayBuffer();
  return res.status;
};

export async function benchHostile(): Promise<Record<string, number>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-bench-hostile-"));
  const stop = await startServer(root);
  try {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#445566" } }).png().toBuffer();
    const line80k = writePngText(png, { parameters: `a ${"very ".repeat(16_000)}long prompt` });
    const tenMb = writePngText(png, { parameters: "x".repeat(10 * 1024 * 1024) });
    await pngInfo(png); // warm the route

    const idle = await pollDuring(() => new Promise((r) => setTimeout(r, 1000)));
    const parse80k = await pollDuring(async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await pngInfo(line80k));
      return statuses;
    });
    const refuse10mb = await pollDuring(async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await pngInfo(tenMb));
      return statuses;
    });
    return {
      progressIdleP95Ms: percentile(idle.latencies, 0.95),
      progressP95While80kMs: percentile(parse80k.latencies, 0.95),
      progressMaxWhile80kMs: Math.max(...parse80k.latencies),
      pngInfo80kMs: parse80k.ms / 5,
      pngInfo80kStatus: parse80k.result[0],
      progressP95While10MbMs: percentile(refuse10mb.latencies, 0.95),
      progressMaxWhile10MbMs: Math.max(...refuse10mb.latencies),
      pngInfo10MbMs: refuse10mb.ms / 3,
      pngInfo10MbStatus: refuse10mb.result[0],
    };
  } finally {
    stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchHostile().then((figures) => {
    console.log(figures);
    process.exit(0);
  });
}
