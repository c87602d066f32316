// HTTP Basic credentials ("user:pass[,user2:pass2]"). Comparison is constant-time: both sides are
// hashed to equal-length SHA-256 digests and compared with timingSafeEqual, and every configured
// pair is checked, so timing reveals neither which part was wrong nor how much of it matched.
// Credentials are never logged, and errors about them never quote a password.
import crypto from "node:crypto";

export interface Credential {
  user: string;
  password: string;
}

/** A credential list that cannot be used as given; the message names the source, never a secret. */
export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialError";
  }
}

/**
 * "u:p,u2:p2" → pairs; the password is everything after the first colon, surrounding spaces are
 * trimmed and empty entries skipped (a trailing comma). An entry without a colon, an empty user or an
 * empty password is an error naming `source` and the entry's position: silently dropping it could
 * leave the server open when it was the only one.
 */
export function parseCredentialList(spec: string | undefined, source = "credentials"): Credential[] {
  if (!spec) return [];
  const pairs: Credential[] = [];
  const entries = spec.split(",").map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    if (entry === "") return;
    const colon = entry.indexOf(":");
    const user = colon < 0 ? "" : entry.slice(0, colon);
    const password = colon < 0 ? "" : entry.slice(colon + 1);
    if (!user || !password) throw new CredentialError(`${source}: entry ${index + 1} is not "user:password"`);
    pairs.push({ user, password });
  });
  return pairs;
}

/** A credentials file (A1111's `--gradio-auth-path`): one or more "user:pass" per line, commas between pairs. */
export function parseCredentialFile(text: string, source: string): Credential[] {
  return text.split(/\r?\n/).flatMap((line, i) => parseCredentialList(line, `${source} line ${i + 1}`));
}

const digest = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest();

export function sameSecret(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** The decoded pair of an `Authorization: Basic …` header, or null when absent or malformed. */
export function basicCredentials(header: string | null | undefined): Credential | null {
  const match = header && /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export type AuthOutcome = "ok" | "missing" | "wrong";

/** Checks an Authorization header against the allowed pairs (no pairs = open). */
export function checkBasicAuth(header: string | null | undefined, allowed: readonly Credential[]): AuthOutcome {
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
