// `npm start [-- --port N --listen --skip-build]`: generate the fixture model on first start
// when no model exists, build the app when its sources changed, then serve on 127.0.0.1:7860 through
// scripts/serve.mjs (the server applies database migrations itself) and restart the server if it
// dies. SIGINT/SIGTERM go to the running child and this process exits when it has
// (docs/server-process.md). Security flags: see docs/security.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildIsCurrent, recordBuild, sourceHash } from "./build-hash.mjs";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "7860" },
    listen: { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
    "api-auth": { type: "string" },
    auth: { type: "string" },
    "api-auth-file": { type: "string" },
    "auth-file": { type: "string" },
    "allowed-hosts": { type: "string" },
    "cors-allow-origins": { type: "string" },
    "cors-allow-origins-regex": { type: "string" },
  },
  strict: true,
});

const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a TCP port number, got "${args.port}"`);
  process.exit(2);
}
const host = args.listen ? "0.0.0.0" : "127.0.0.1";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
// Credentials reach the server through the environment, never the command line of a child process.
if (args["api-auth"]) env.ONYX_API_AUTH = args["api-auth"];
if (args.auth) env.ONYX_AUTH = args.auth;
// A1111's CORS flags (lib/api/cors.ts).
if (args["cors-allow-origins"]) env.ONYX_CORS_ALLOW_ORIGINS = args["cors-allow-origins"];
if (args["cors-allow-origins-regex"]) env.ONYX_CORS_ALLOW_ORIGINS_REGEX = args["cors-allow-origins-regex"];
// --auth-file / --api-auth-file / --allowed-hosts / --listen (lib/security, docs/security.md).
if (args["auth-file"]) env.ONYX_AUTH_FILE = args["auth-file"];
if (args["api-auth-file"]) env.ONYX_API_AUTH_FILE = args["api-auth-file"];
if (args["allowed-hosts"]) env.ONYX_ALLOWED_HOSTS = args["allowed-hosts"];
if (args.listen) env.ONYX_LISTEN = "1";
// A missing credentials file is reported now rather than after a build (the server checks its contents).
for (const variable of ["ONYX_AUTH_FILE", "ONYX_API_AUTH_FILE"]) {
  if (env[variable] && !fs.existsSync(env[variable])) {
    console.error(`${variable}: no such file ${env[variable]}`);
    process.exit(2);
  }
}
const bin = (name) => path.join("node_modules", ".bin", name);

// Every step runs as a child this process waits for without blocking, so a signal that arrives
// during the build, the conversion or while serving reaches every running child, and this process
// ends when they all have.
let stopping = false;
let exitCode = 0;
const children = new Set();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    if (children.size === 0) process.exit(1);
    for (const c of children) c.kill(signal);
  });
}

/** Starts a child; after a signal, the last child to end ends this process. */
function start(cmd, argv) {
  const c = spawn(cmd, argv, { stdio: "inherit", env });
  children.add(c);
  c.on("exit", (code) => {
    children.delete(c);
    if (stopping) {
      exitCode ||= code ?? 1;
      if (children.size === 0) process.exit(exitCode);
    }
  });
  return c;
}

/** Runs a step to its end; its exit code. */
function run(cmd, argv) {
  return new Promise((resolve) => start(cmd, argv).on("exit", (code, signal) => resolve(signal ? 1 : (code ?? 1))));
}
async function mustRun(cmd, argv) {
  const code = await run(cmd, argv);
  if (code !== 0) process.exit(code);
}

const checkpoints = path.resolve(env.MODELS_DIR ?? "models", "Stable-diffusion");
const hasModel = fs.existsSync(checkpoints) && fs.readdirSync(checkpoints).some((d) => !d.startsWith("."));
if (!hasModel) {
  console.log("No model found: generating the onyx-tiny fixture models…");
  await mustRun(bin("tsx"), ["scripts/fixtures.ts"]);
}
// npm's trained models → models/converted, beside the build and the server: each file is renamed into
// place when done, so the server offers a model once it is complete, and a restart does not wait for the
// check of their hashes (docs/server-process.md#rebuilding-only-when-the-sources-changed). A failure only
// drops that model.
run(bin("tsx"), ["scripts/convert.ts"]);
const hash = sourceHash(env);
if (args["skip-build"] && fs.existsSync(".next/BUILD_ID")) console.log("Onyx: build skipped (--skip-build)");
else if (buildIsCurrent(hash)) console.log(`Onyx: build skipped: the sources are unchanged since the last build (${hash.slice(0, 12)})`);
else {
  await mustRun(bin("next"), ["build"]);
  recordBuild(hash);
}

console.log(`Onyx: http://${host}:${port}`);

// Supervision: a server that dies (a crash, the out-of-memory killer) is started again, at most
// RESTARTS times within RESTART_WINDOW_MS, so one crash does not end the service.
const RESTARTS = 5;
const RESTART_WINDOW_MS = 10 * 60_000;
const restarts = [];
function serve() {
  const server = start(process.execPath, ["scripts/serve.mjs", "--port", String(port)]);
  server.on("exit", (code, signal) => {
    if (stopping) return;
    if (code === 0 && !signal) process.exit(0);
    const now = Date.now();
    while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (restarts.length >= RESTARTS) {
      console.error(`Onyx: the server ${how}; it stopped ${RESTARTS + 1} times within ${RESTART_WINDOW_MS / 60_000} minutes, giving up`);
      process.exit(code || 1);
    }
    restarts.push(now);
    console.error(`Onyx: the server ${how}; restarting it (${restarts.length} of ${RESTARTS})`);
    setTimeout(() => (stopping ? process.exit(1) : serve()), 1000);
  });
}
serve();
