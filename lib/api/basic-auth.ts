// HTTP Basic credentials for `--api-auth` / `--auth` ("user:pass[,user2:pass2]"). Comparison is
// constant-time: both sides are hashed to equal-length SHA-256 digests and compared with
// timingSafeEqual, and every configured pair is checked, so timing reveals neither which part
// was wrong nor how much of it matched. Credentials are never logged.
import crypto from "node:crypto";

export interface Credential {
  user: string;
  password: string;
}

/** "u:p,u2:p2" → pairs; the password is everything after the first colon. Empty entries are skipped. */
export function parseCredentialList(spec: string | undefined): Credential[] {
  if (!spec) return [];
  return spec
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.includes(":"))
    .map((entry) => {
      const colon = entry.indexOf(":");
      return { user: entry.slice(0, colon), password: entry.slice(colon + 1) };
    });
}

const digest = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest();

export function sameSecret(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** The decoded pair of an `Authorization: Basic …` header, or null when absent or malformed. */
export function basicCredentials(header: string | null): Credential | null {
  const match = header && /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export type AuthOutcome = "ok" | "missing" | "wrong";

/** Checks an Authorization header against the allowed pairs (no pairs = open). */
export function checkBasicAuth(header: string | null, allowed: readonly Credential[]): AuthOutcome {
  if (allowed.length === 0) return "ok";
  const given = basicCredentials(header);
  if (!given) return "missing";
  let ok = false;
  for (const pair of allowed) {
    // Both comparisons always run: no short-circuit on the user name.
    const userOk = sameSecret(given.user, pair.user);
    const passwordOk = sameSecret(given.password, pair.password);
    ok = (userOk && passwordOk) || ok;
  }
  return ok ? "ok" : "wrong";
}
