// The HTTP server `npm start` runs (instead of `next start`): Next.js's request handler behind the
// request gate (lib/security/request-gate.ts), which sees every request first — with the socket's
// own address for the brute-force throttle, and before any body is read. Binds 127.0.0.1, or
// 0.0.0.0 with ONYX_LISTEN=1 (--listen). `node scripts/serve.mjs --port 7860`
import http from "node:http";
import { parseArgs } from "node:util";
import { tsImport } from "tsx/esm/api";

process.env.NODE_ENV ??= "production";
const { values: args } = parseArgs({ options: { port: { type: "string", default: "7860" } }, strict: true });
const port = Number(args.port);
const hostname = process.env.ONYX_LISTEN === "1" ? "0.0.0.0" : "127.0.0.1";

const { createRequestGate, gatePolicyFromEnv } = await tsImport("../lib/security/request-gate.ts", import.meta.url);
const { exposureWarning } = await tsImport("../lib/security/exposure.ts", import.meta.url);
let gate;
try {
  gate = createRequestGate(gatePolicyFromEnv(process.env));
} catch (e) {
  // Unreadable credential files, malformed pairs, a bad origin regex: a message, no stack trace.
  console.error(`Onyx cannot start: ${e.message}`);
  process.exit(2);
}
// The process singleton lib/security/gate-presence.ts reads: every request of this process passes the gate.
globalThis[Symbol.for("onyx.requestGate")] = { running: true };
const warning = exposureWarning(process.env);
if (warning) console.warn(`\n  WARNING: ${warning}\n`);

const { default: next } = await import("next");
const app = next({ dev: false, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const refused = gate({ method: req.method, url: req.url, headers: req.headers, address: req.socket.remoteAddress });
  if (!refused) return void handle(req, res);
  res.writeHead(refused.status, refused.headers);
  res.end(refused.body);
  req.resume(); // discard whatever body was sent; nothing of it is kept
});
server.listen(port, hostname, () => console.log(`Onyx ready on http://${hostname}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
