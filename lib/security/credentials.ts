// The credentials a server accepts, from the four places they can be configured (docs/security.md):
// `ONYX_AUTH` / `ONYX_API_AUTH` hold "user:pass,…" lists, `ONYX_AUTH_FILE` / `ONYX_API_AUTH_FILE`
// name files of such lists (`npm start` sets them from --auth, --api-auth, --auth-file and
// --api-auth-file). One rule covers every route, so the result is the union of all of them: UI and
// API credentials are both accepted everywhere. A source that is configured but yields nothing usable
// is an error, never "no credentials": that would leave the server open.
import fs from "node:fs";
import { CredentialError, parseCredentialFile, parseCredentialList, type Credential } from "@/lib/security/basic-auth";

/** Environment variable → the start flag that sets it (used in messages). */
const LIST_SOURCES = { ONYX_AUTH: "--auth", ONYX_API_AUTH: "--api-auth" } as const;
const FILE_SOURCES = { ONYX_AUTH_FILE: "--auth-file", ONYX_API_AUTH_FILE: "--api-auth-file" } as const;

const configured = (value: string | undefined): value is string => value !== undefined && value !== "";

/** Whether any credential source is set (whether it is valid is `loadCredentials`' business). */
export function hasCredentialSource(env: NodeJS.Dict<string> = process.env): boolean {
  return [...Object.keys(LIST_SOURCES), ...Object.keys(FILE_SOURCES)].some((name) => configured(env[name]));
}

function readFileSource(variable: string, flag: string, file: string): Credential[] {
  const source = `${variable} (${flag}) ${file}`;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new CredentialError(`${source}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return parseCredentialFile(text, source);
}

/** Every accepted pair; throws CredentialError naming the source that is unreadable, malformed or empty. */
export function loadCredentials(env: NodeJS.Dict<string> = process.env): Credential[] {
  const all: Credential[] = [];
  const add = (source: string, pairs: Credential[]) => {
    if (pairs.length === 0) throw new CredentialError(`${source}: no "user:password" pair`);
    all.push(...pairs);
  };
  for (const [variable, flag] of Object.entries(LIST_SOURCES)) {
    const spec = env[variable];
    if (configured(spec)) add(`${variable} (${flag})`, parseCredentialList(spec, `${variable} (${flag})`));
  }
  for (const [variable, flag] of Object.entries(FILE_SOURCES)) {
    const file = env[variable];
    if (configured(file)) add(`${variable} (${flag}) ${file}`, readFileSource(variable, flag, file));
  }
  return all;
}
