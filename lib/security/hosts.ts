// The `Host` check against DNS rebinding (docs/security.md): a page on an attacker's domain whose name
// is re-pointed at 127.0.0.1 reaches the server with that domain in `Host`. Bound to loopback, only
// loopback names and addresses (plus `--allowed-hosts`, ONYX_ALLOWED_HOSTS) are served. With
// `--listen` every name is served unless `--allowed-hosts` is given; IP literals are always fine
// there, since rebinding needs a domain name.
import net from "node:net";

export interface HostPolicy {
  /** Bound to all interfaces (`--listen`) rather than 127.0.0.1. */
  listen: boolean;
  /** Names from `--allowed-hosts`, lower-case; ".example.com" also covers its subdomains; "*" any. */
  allowed: readonly string[];
}

export function parseAllowedHosts(spec: string | undefined): string[] {
  return (spec ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase().replace(/\.$/, ""))
    .filter((entry) => entry !== "");
}

/** The name or address of a Host header without its port or IPv6 brackets, lower-case; null if malformed. */
export function hostName(header: string): string | null {
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return net.isIPv6(bracketed[1]) ? bracketed[1] : null;
  const plain = /^([a-z0-9._-]+)(?::\d{1,5})?$/.exec(value);
  return plain ? plain[1].replace(/\.$/, "") : null;
}

export function isLoopbackName(name: string): boolean {
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (net.isIPv4(name)) return name.startsWith("127.");
  if (net.isIPv6(name)) return name === "::1" || /^::ffff:127\./.test(name);
  return false;
}

const listed = (allowed: readonly string[], name: string) =>
  allowed.some((entry) => entry === "*" || entry === name || (entry.startsWith(".") && (name === entry.slice(1) || name.endsWith(entry))));

/** Whether a request with this `Host` header is served. Requests without one (HTTP/1.0) are. */
export function isAllowedHost(policy: HostPolicy, header: string | undefined): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === null) return false;
  if (isLoopbackName(name) || listed(policy.allowed, name)) return true;
  if (!policy.listen) return false;
  return policy.allowed.length === 0 || net.isIP(name) !== 0;
}
