// Brute-force protection for Basic auth (docs/security.md): per client, wrong passwords are counted in
// a window; reaching the limit locks that client out (429 with Retry-After, even for a correct
// password) for a pause that doubles with each further lockout, up to a ceiling. A correct password
// clears the count. Clients are keyed by address, IPv6 by its /64 (one host usually owns the whole
// prefix), and the table is bounded so that a flood of addresses cannot grow it without limit.
import net from "node:net";

export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  maxLockoutMs: number;
  maxClients: number;
}

/** 10 wrong passwords within 5 minutes → 30 s pause, then 60 s, 120 s, … up to 15 minutes. */
export const DEFAULT_THROTTLE: ThrottleOptions = {
  maxFailures: 10,
  windowMs: 5 * 60_000,
  lockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  maxClients: 10_000,
};

interface ClientState {
  failures: number;
  windowStart: number;
  lastFailure: number;
  lockedUntil: number;
  lockouts: number;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) => group.padStart(4, "0"));
}

/** The throttle key of a socket address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix. */
export function clientKey(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!net.isIPv6(address)) return address;
  return `${expandIPv6(address.toLowerCase().split("%")[0]).slice(0, 4).join(":")}::/64`;
}

export class AuthThrottle {
  private readonly clients = new Map<string, ClientState>();

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {}

  /** Milliseconds the client must still wait; 0 when it may try. */
  lockedFor(key: string, now: number): number {
    return Math.max(0, (this.clients.get(key)?.lockedUntil ?? 0) - now);
  }

  /** Counts a wrong password; returns the lockout it caused in ms (0 while under the limit). */
  failure(key: string, now: number): number {
    const { maxFailures, windowMs, lockoutMs, maxLockoutMs } = this.options;
    let state = this.clients.get(key);
    // A client quiet for longer than the longest pause starts over, lockout history included.
    if (!state || now - state.lastFailure > maxLockoutMs) state = { failures: 0, windowStart: now, lastFailure: now, lockedUntil: 0, lockouts: 0 };
    if (now - state.windowStart > windowMs) Object.assign(state, { failures: 0, windowStart: now });
    state.failures++;
    state.lastFailure = now;
    let locked = 0;
    if (state.failures >= maxFailures) {
      locked = Math.min(maxLockoutMs, lockoutMs * 2 ** state.lockouts);
      Object.assign(state, { failures: 0, windowStart: now, lockedUntil: now + locked, lockouts: state.lockouts + 1 });
    }
    this.remember(key, state);
    return locked;
  }

  success(key: string): void {
    this.clients.delete(key);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Re-inserts so the map's order is least recently failed first; drops the oldest beyond the bound. */
  private remember(key: string, state: ClientState): void {
    this.clients.delete(key);
    this.clients.set(key, state);
    while (this.clients.size > this.options.maxClients) this.clients.delete(this.clients.keys().next().value!);
  }
}
