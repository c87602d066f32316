// The one rule every request passes before Next.js sees it (scripts/serve.mjs runs it on the raw
// request; docs/security.md). In order:
//   1. a path with broken percent-encoding → 400 (no route could decode it);
//   2. a `Host` that is not served (DNS rebinding, hosts.ts) → 403;
//   3. a state-changing request (not GET/HEAD/OPTIONS) whose `Origin` is neither the server's own nor
//      allowed by --cors-allow-origins* (lib/api/cors.ts) → 403;
//   4. when any credentials are configured, every route — pages, server actions, /files, /api,
//      /internal, /sdapi, /docs, static assets — needs one of the accepted pairs: a client locked out
//      for wrong passwords → 429, none → 401, wrong → 401 (counted, auth-throttle.ts). CORS preflights
//      (OPTIONS) carry no credentials by design and start nothing, so they pass;
//   5. a body sent to a JSON route (/sdapi, /internal) with another media type → 415: a cross-site page
//      can send text/plain or a form without a preflight, never application/json.
// The gate reads headers only, so a refused upload is never buffered.
import type { IncomingHttpHeaders } from "node:http";
import { corsPolicy, isAllowedOrigin, type CorsPolicy } from "@/lib/api/cors";
import { AuthThrottle, clientKey, DEFAULT_THROTTLE, type ThrottleOptions } from "@/lib/security/auth-throttle";
import { checkBasicAuth, type Credential } from "@/lib/security/basic-auth";
import { loadCredentials } from "@/lib/security/credentials";
import { hostName, isAllowedHost, parseAllowedHosts, type HostPolicy } from "@/lib/security/hosts";
import { isJsonMediaType, unsupportedMediaTypeDetail } from "@/lib/security/media-type";

export interface GatePolicy {
  credentials: readonly Credential[];
  hosts: HostPolicy;
  /** --cors-allow-origins and --cors-allow-origins-regex: the foreign origins that may also change things. */
  origins: CorsPolicy;
  throttle: ThrottleOptions;
}

/** The policy `npm start` configured through the environment; throws on unusable credentials. */
export function gatePolicyFromEnv(env: NodeJS.Dict<string> = process.env): GatePolicy {
  const lockout = Number(env.ONYX_AUTH_LOCKOUT_SECONDS);
  return {
    credentials: loadCredentials(env),
    hosts: { listen: env.ONYX_LISTEN === "1", allowed: parseAllowedHosts(env.ONYX_ALLOWED_HOSTS) },
    origins: corsPolicy(env),
    throttle: lockout > 0 ? { ...DEFAULT_THROTTLE, lockoutMs: lockout * 1000 } : DEFAULT_THROTTLE,
  };
}

export interface GateRequest {
  method?: string;
  /** The request target as received ("/files/a.png?x=1"). */
  url?: string;
  headers: IncomingHttpHeaders;
  /** The socket's remote address (never a forwarded-for header, which the client controls). */
  address?: string;
}

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const JSON_ROUTE = /^\/(sdapi|internal)\//;
const JSON_ANSWER = /^\/(sdapi|internal|api)\//;

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The decoded path of a request target (origin-form "/a?b" or absolute-form "http://h/a?b"), so that
 * "/%73dapi/…" is classified as the route it reaches; null if its percent-encoding is broken.
 */
function requestPath(url: string): string | null {
  const encoded = url.startsWith("/") ? url.split("?")[0] : URL.canParse(url) ? new URL(url).pathname : "/";
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** The route's usual error shape: A1111's JSON for the APIs, plain text for pages. */
function refusal(path: string, status: number, detail: string, headers: Record<string, string> = {}): Refusal {
  if (JSON_ANSWER.test(path)) {
    const body = JSON.stringify({ error: "HTTPException", detail, body: "", errors: `${status}: ${detail}` });
    return { status, headers: { ...headers, "Content-Type": "application/json" }, body };
  }
  return { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" }, body: detail };
}

/** Same origin: the Origin's host (name and port) is the Host the request was sent to. */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  return (url.protocol === "http:" || url.protocol === "https:") && url.host === host.trim().toLowerCase();
}

const hasBody = (headers: IncomingHttpHeaders) =>
  header(headers, "transfer-encoding") !== undefined || Number(header(headers, "content-length") ?? 0) > 0;

export type RequestGate = (request: GateRequest, now?: number) => Refusal | null;

export function createRequestGate(policy: GatePolicy): RequestGate {
  const throttle = new AuthThrottle(policy.throttle);
  return (request, now = Date.now()) => {
    const method = (request.method ?? "GET").toUpperCase();
    const path = requestPath(request.url ?? "/");
    if (path === null) return refusal(request.url ?? "/", 400, "Malformed URL: invalid percent-encoding in the path");

    const host = header(request.headers, "host");
    if (!isAllowedHost(policy.hosts, host)) {
      const name = host === undefined ? "" : (hostName(host) ?? host);
      return refusal(path, 403, `Host '${name}' is not served; start Onyx with --allowed-hosts ${name} to allow it`);
    }

    const stateChanging = !SAFE_METHODS.has(method);
    const origin = header(request.headers, "origin");
    if (stateChanging && origin !== undefined && !isOwnOrigin(origin, host) && !isAllowedOrigin(policy.origins, origin)) {
      return refusal(path, 403, `Cross-origin request from '${origin}' refused; allow it with --cors-allow-origins`);
    }

    if (policy.credentials.length > 0 && method !== "OPTIONS") {
      const api = path.startsWith("/sdapi/");
      const challenge = { "WWW-Authenticate": api ? "Basic" : 'Basic realm="Onyx", charset="UTF-8"' };
      const key = clientKey(request.address);
      const tooMany = (ms: number) =>
        refusal(path, 429, `Too many wrong passwords; try again in ${Math.ceil(ms / 1000)} s`, { "Retry-After": String(Math.ceil(ms / 1000)) });
      const waiting = throttle.lockedFor(key, now);
      if (waiting > 0) return tooMany(waiting);
      const outcome = checkBasicAuth(header(request.headers, "authorization"), policy.credentials);
      if (outcome === "missing") return refusal(path, 401, api ? "Not authenticated" : "Authentication required", challenge);
      if (outcome === "wrong") {
        const locked = throttle.failure(key, now);
        if (locked > 0) {
          console.warn(`auth: ${policy.throttle.maxFailures} wrong passwords from ${key}; locked out for ${Math.ceil(locked / 1000)} s`);
          return tooMany(locked);
        }
        return refusal(path, 401, "Incorrect username or password", challenge);
      }
      throttle.success(key);
    }

    const contentType = header(request.headers, "content-type");
    if (stateChanging && JSON_ROUTE.test(path) && contentType !== undefined && hasBody(request.headers)) {
      if (!isJsonMediaType(contentType)) return refusal(path, 415, unsupportedMediaTypeDetail(contentType));
    }
    return null;
  };
}
