// The test server's processes, found in /proc: the Next.js server is the start script's child, the
// inference process the server's child running ort-worker.mjs.
import fs from "node:fs";

interface ProcessInfo {
  pid: number;
  parent: number;
  command: string;
}

function processes(): ProcessInfo[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const command = fs.readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
        return [{ pid: Number(d), parent, command }];
      } catch {
        return []; // exited meanwhile
      }
    });
}

export function childrenOf(pid: number): ProcessInfo[] {
  return processes().filter((p) => p.parent === pid);
}

/** The Next.js server started by the start script `startPid`. */
export function serverProcess(startPid: number): ProcessInfo | undefined {
  return childrenOf(startPid).find((p) => p.command.includes("scripts/serve.mjs"));
}

/** The inference process of the server started by `startPid`, when it runs. */
export function inferenceProcessOf(startPid: number): ProcessInfo | undefined {
  const server = serverProcess(startPid);
  return server && childrenOf(server.pid).find((p) => p.command.includes("ort-worker.mjs"));
}

/** Peak resident memory (VmHWM) of a process, in bytes. */
export function peakMemory(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Every process below `pid` (children, their children, …). */
export function descendantsOf(pid: number): ProcessInfo[] {
  const all = processes();
  const found: ProcessInfo[] = [];
  for (let parents = [pid]; parents.length > 0; ) {
    const next = all.filter((p) => parents.includes(p.parent));
    found.push(...next);
    parents = next.map((p) => p.pid);
  }
  return found;
}

/** Whether `process` is still running (the same pid with the same command line: pids are reused). */
export function isRunning(process: ProcessInfo): boolean {
  try {
    return fs.readFileSync(`/proc/${process.pid}/cmdline`, "utf8").replace(/\0/g, " ") === process.command;
  } catch {
    return false;
  }
}
