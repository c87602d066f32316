// How much memory a job may still take: the kernel's MemAvailable, or less when the process runs in
// a cgroup whose limit leaves less headroom (a container, a systemd unit). Page cache the kernel can
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

function cgroupAvailable(): number | null {
  const lines = (read("/proc/self/cgroup") ?? "").split("\n");
  const v2 = lines.find((l) => l.startsWith("0::"))?.slice(3);
  const v1 = lines.find((l) => l.split(":")[1]?.split(",").includes("memory"))?.split(":")[2];
  const under = (root: string, rel: string | undefined) => (rel ? [path.join(root, rel), root] : [root]);
  return (
    cgroupHeadroom(under("/sys/fs/cgroup/memory", v1), "memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file") ??
    cgroupHeadroom(under("/sys/fs/cgroup", v2), "memory.max", "memory.current", "inactive_file")
  );
}

/** Bytes the system can still give this process and its inference process. */
export function availableMemory(): number {
  const cgroup = cgroupAvailable();
  const system = memInfoAvailable();
  return cgroup === null ? system : Math.min(cgroup, system);
}
