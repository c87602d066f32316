// The inference process: every onnxruntime session lives here, in a child process the server
// supervises (inference-process.ts), so an out-of-memory kill or a native crash in onnxruntime ends
// this process and fails the job that was running, never the server. Plain JavaScript so it starts
// the same way under Next.js, vitest and tsx. Messages arrive over the IPC channel with Node's
// "advanced" (structured clone) serialization, so tensors travel as binary typed arrays, not JSON.
// Protocol: {id, op: "create" | "run" | "free" | "release" | "reload" | "memory", ...} → {id, result | error, memory}
// with memory = {rssBefore, rss, peakRss} of the call. Messages are handled one at a time, in order.
// A run may keep some outputs here ("resident" tensors, docs/extensions.md#resident-tensors): the reply names them
// by id and a later run takes {resident: id} as a feed, so a tensor that only goes from one graph to the next
// never crosses the process boundary, whose serialisation costs far more than the graphs' own work on large
// activations (Tiled VAE's synchronised segments: docs/tiled-vae.md#speed).
import { Worker } from "node:worker_threads";
import * as ort from "onnxruntime-node";

/** id → {session, model, options}: what is needed to create the session again (reload); model is a path or the bytes of an in-memory model. */
const sessions = new Map();
let nextSession = 1;
/** id → onnxruntime tensor kept by a run for later runs; freed by "free", or all at once by "reload". */
const resident = new Map();
let nextResident = 1;

// onnxruntime's `run` blocks this thread, so the resident-memory peak of a call is sampled from a
// helper thread every few milliseconds into shared memory.
const peak = new BigInt64Array(new SharedArrayBuffer(8));
const sampler = new Worker(
  `const { workerData } = require("node:worker_threads");
   const peak = workerData;
   setInterval(() => {
     const rss = BigInt(process.memoryUsage.rss());
     if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss);
   }, 2);`,
  { eval: true, workerData: peak },
);
sampler.unref();

/** Resident memory now and the highest value sampled since the last call of this function. */
function memory() {
  const rss = process.memoryUsage.rss();
  const sampled = Number(Atomics.exchange(peak, 0, BigInt(rss)));
  return { rss, peakRss: Math.max(rss, sampled) };
}

function describe(meta) {
  return meta.map((m) => ({ name: m.name, isTensor: m.isTensor, type: m.type ?? null, shape: m.shape ? [...m.shape] : null }));
}

async function handle(msg) {
  switch (msg.op) {
    case "create": {
      // An in-memory model (onnx-session.ts) comes as bytes; they are kept to create the session again on reload.
      const model = msg.bytes ?? msg.path;
      const session = await ort.InferenceSession.create(model, msg.options);
      const id = nextSession++;
      sessions.set(id, { session, model, options: msg.options });
      return { session: id, inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) };
    }
    case "run": {
      const { session } = openSession(msg.session);
      const feeds = {};
      for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = t.resident !== undefined ? residentTensor(t.resident) : new ort.Tensor(t.type, t.data, t.dims);
      const out = await session.run(feeds);
      const keep = new Set(msg.keep ?? []);
      const result = {};
      for (const [name, t] of Object.entries(out)) {
        if (keep.has(name)) {
          const id = nextResident++;
          resident.set(id, t);
          result[name] = { resident: id, type: t.type, dims: [...t.dims] };
          continue;
        }
        // Copied out of onnxruntime's memory so the native tensor can be freed right away.
        result[name] = { type: t.type, dims: [...t.dims], data: t.data.slice() };
        t.dispose?.();
      }
      return result;
    }
    case "free": {
      for (const id of msg.tensors) {
        resident.get(id)?.dispose?.();
        resident.delete(id);
      }
      return null;
    }
    case "release": {
      const { session } = openSession(msg.session);
      sessions.delete(msg.session);
      await session.release();
      return null;
    }
    case "reload": {
      // A released session returns its memory arena to the system (docs/memory.md#session-options-and-handing-memory-back); created again
      // under the same id, it holds its weights and nothing more.
      for (const entry of sessions.values()) await entry.session.release();
      // Reloading happens between jobs: a tensor still kept then was never freed by the job that kept it.
      for (const t of resident.values()) t.dispose?.();
      resident.clear();
      globalThis.gc?.(); // and the tensors' JavaScript copies, now rather than at the next collection
      for (const entry of sessions.values()) entry.session = await ort.InferenceSession.create(entry.model, entry.options);
      return null;
    }
    case "memory":
      return { residentTensors: resident.size };
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

function residentTensor(id) {
  const t = resident.get(id);
  if (!t) throw new Error(`resident tensor ${id} is not kept (freed already, or kept by a run that failed)`);
  return t;
}

function openSession(id) {
  const session = sessions.get(id);
  if (!session) throw new Error(`onnx session ${id} is not open`);
  return session;
}

async function reply(msg) {
  const rssBefore = memory().rss; // also starts this call's peak from the current figure
  try {
    const result = await handle(msg);
    process.send({ id: msg.id, result, memory: { rssBefore, ...memory() } });
  } catch (e) {
    process.send({ id: msg.id, error: e instanceof Error ? e.message : String(e), memory: { rssBefore, ...memory() } });
  }
}

let queue = Promise.resolve();
process.on("message", (msg) => {
  queue = queue.then(() => reply(msg));
});
// The server went away (or closed the channel to restart this process): nothing is left to serve.
process.on("disconnect", () => process.exit(0));
