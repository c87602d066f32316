// onnxruntime-node runs `session.run` synchronously on the calling thread, so Onyx keeps every
// session in this worker thread: the server's event loop stays free to answer progress polls and
// other requests while a UNet call takes seconds. Plain JavaScript so it loads the same way under
// Next.js, vitest and tsx. Protocol: {id, op: "create" | "run" | "release", ...} → {id, result | error}.
import { parentPort } from "node:worker_threads";
import * as ort from "onnxruntime-node";

const sessions = new Map();
let nextSession = 1;

function describe(meta) {
  return meta.map((m) => ({ name: m.name, isTensor: m.isTensor, type: m.type ?? null, shape: m.shape ? [...m.shape] : null }));
}

async function handle(msg) {
  if (msg.op === "create") {
    const session = await ort.InferenceSession.create(msg.path, msg.options);
    const id = nextSession++;
    sessions.set(id, session);
    return { result: { session: id, inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) } };
  }
  const session = sessions.get(msg.session);
  if (!session) throw new Error(`onnx session ${msg.session} is not open`);
  if (msg.op === "release") {
    sessions.delete(msg.session);
    await session.release();
    return { result: null };
  }
  if (msg.op === "run") {
    const feeds = {};
    for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
    const out = await session.run(feeds);
    const result = {};
    const transfer = [];
    for (const [name, t] of Object.entries(out)) {
      // Copy out of ORT-owned memory so the buffer can be transferred, then free the native tensor.
      const data = t.data.slice();
      result[name] = { type: t.type, dims: [...t.dims], data };
      transfer.push(data.buffer);
      t.dispose?.();
    }
    return { result, transfer };
  }
  throw new Error(`unknown op ${msg.op}`);
}

parentPort.on("message", async (msg) => {
  try {
    const { result, transfer } = await handle(msg);
    parentPort.postMessage({ id: msg.id, result }, transfer ?? []);
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
