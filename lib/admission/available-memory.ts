// How much memory a job may still take: the kernel's MemAvailable, or less when the process runs in
// a cgroup whose limit leaves less headroom (a container, a systemd unit), or when ONYX_MAX_JOB_MEMORY
// ("8G", "512M" or bytes) caps what one job may use on a shared machine. Page cache the kernel can
// drop (inactive file pages) does not count as used, as in `free`'s "available".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const read = (file: string): string | null => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
};

function memInfoAvailable(): number {
  const m = /^MemAvailable:\s+(\d+) kB/m.exec(read("/proc/meminfo") ?? "");
  return m ? Number(m[1]) * 1024 : os.freemem();
}

function statField(stat: string | null, key: string): number {
  const m = new RegExp(`^${key} (\\d+)$`, "m").exec(stat ?? "");
  return m ? Number(m[1]) : 0;
}

/** Limit minus what counts as used, for the first cgroup directory of `candidates` that has the files. */
function cgroupHeadroom(candidates: string[], limitFile: string, usageFile: string, inactiveKey: string): number | null {
  for (const dir of candidates) {
    const limit = read(path.join(dir, limitFile))?.trim();
    const usage = read(path.join(dir, usageFile))?.trim();
    if (!limit || !usage) continue;
    const max = Number(limit);
    // "max" (v2) or a huge number (v1) means no limit.
    if (!Number.isFinite(max) || max >= 2 ** 60) return null;
    const used = Number(usage) - statField(read(path.join(dir, "memory.stat")), inactiveKey);
    return Math.max(0, max - used);
  }
  return null;
}

/** The cgroup v1 memory controller's and the v2 cgroup's directories of this process, most specific first. */
function cgroupDirs(): { v1: string[]; v2: string[] } {
  const lines = (read("/proc/self/cgroup") ?? "").split("\n");
  const v2 = lines.find((l) => l.startsWith("0::"))?.slice(3);
  const v1 = lines.find((l) => l.split(":")[1]?.split(",").includes("memory"))?.split(":")[2];
  const under = (root: string, rel: string | undefined) => (rel ? [path.join(root, rel), root] : [root]);
  return { v1: under("/sys/fs/cgroup/memory", v1), v2: under("/sys/fs/cgroup", v2) };
}

function cgroupAvailable(): number | null {
  const dirs = cgroupDirs();
  return (
    cgroupHeadroom(dirs.v1, "memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file") ??
    cgroupHeadroom(dirs.v2, "memory.max", "memory.current", "inactive_file")
  );
}

/** How many processes of this cgroup the out-of-memory killer has killed; null when the kernel does not say. */
export function oomKillCount(): number | null {
  const dirs = cgroupDirs();
  for (const [dir, file] of [...dirs.v1.map((d) => [d, "memory.oom_control"]), ...dirs.v2.map((d) => [d, "memory.events"])]) {
    const m = /^oom_kill (\d+)$/m.exec(read(path.join(dir, file)) ?? "");
    if (m) return Number(m[1]);
  }
  return null;
}

const UNITS: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** ONYX_MAX_JOB_MEMORY in bytes; null when unset or not a size. */
function jobMemoryCap(env: Record<string, string | undefined>): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*$/i.exec(env.ONYX_MAX_JOB_MEMORY ?? "");
  return m ? Number(m[1]) * UNITS[m[2].toUpperCase()] : null;
}

/** Bytes the system can still give this process and its inference process (and a job may use). */
export function availableMemory(env: Record<string, string | undefined> = process.env): number {
  const limits = [memInfoAvailable(), cgroupAvailable(), jobMemoryCap(env)].filter((n): n is number => n !== null);
  return Math.min(...limits);
}
