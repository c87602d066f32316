// scripts/serve.mjs marks the process when its request gate stands in front of Next.js (the process
// singleton "requestGate"). Served any other way (`next start`, `next dev`) nothing checks credentials,
// Host or Origin: with credentials configured that would be an open server pretending to be protected,
// so the process stops.
import { processSingleton } from "@/lib/process-singleton";
import { hasCredentialSource } from "@/lib/security/credentials";

export function requireRequestGate(env: NodeJS.Dict<string> = process.env): void {
  if (processSingleton("requestGate", () => ({ running: false })).running) return;
  if (hasCredentialSource(env)) {
    console.error("Onyx: credentials are configured but the request gate is not running; start with `npm start` (scripts/serve.mjs).");
    process.exit(2);
  }
  console.warn("Onyx: served without scripts/serve.mjs: no Host, Origin or content-type checks. Use `npm start`.");
}
