// The warning a server bound to every interface without credentials earns (`--listen` alone): printed
// at start by scripts/serve.mjs and shown in the UI footer.
import { hasCredentialSource } from "@/lib/security/credentials";

export function exposureWarning(env: NodeJS.Dict<string> = process.env): string | null {
  if (env.ONYX_LISTEN !== "1" || hasCredentialSource(env)) return null;
  return (
    "Onyx is listening on every network interface without credentials: anyone who can reach this machine " +
    "can generate images, read every saved image and its prompt, and change settings. " +
    "Require a password with --auth-file (or ONYX_AUTH_FILE / ONYX_AUTH)."
  );
}
