// Which browser origins may talk to the server besides its own: A1111's `--cors-allow-origins`
// (comma-separated origins, `*` for any) and `--cors-allow-origins-regex` (one regular expression that
// must match the whole origin, as Starlette's CORSMiddleware uses it), passed on as
// ONYX_CORS_ALLOW_ORIGINS / ONYX_CORS_ALLOW_ORIGINS_REGEX. The request gate refuses state-changing
// requests from any other origin (docs/security.md); CORS response headers use the same list.

export interface OriginAllowList {
  /** Exact origins ("http://localhost:3000"), without a trailing slash. */
  origins: readonly string[];
  /** Every origin is allowed (`*` in the list). */
  any: boolean;
  pattern: RegExp | null;
}

export class OriginConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OriginConfigError";
  }
}

export function parseOriginAllowList(list: string | undefined, regex: string | undefined): OriginAllowList {
  const entries = (list ?? "")
    .split(",")
    .map((entry) => entry.trim().replace(/\/+$/, ""))
    .filter((entry) => entry !== "");
  let pattern: RegExp | null = null;
  if (regex) {
    try {
      pattern = new RegExp(`^(?:${regex})$`);
    } catch (e) {
      throw new OriginConfigError(`--cors-allow-origins-regex is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  return { origins: entries.filter((entry) => entry !== "*"), any: entries.includes("*"), pattern };
}

export function originAllowListFromEnv(env: NodeJS.Dict<string> = process.env): OriginAllowList {
  return parseOriginAllowList(env.ONYX_CORS_ALLOW_ORIGINS, env.ONYX_CORS_ALLOW_ORIGINS_REGEX);
}

/** Whether a request's `Origin` header value is on the list (never true for the opaque origin "null"). */
export function isAllowedOrigin(allow: OriginAllowList, origin: string): boolean {
  if (origin === "null") return false;
  return allow.any || allow.origins.includes(origin) || (allow.pattern?.test(origin) ?? false);
}
