// Vitest global setup: make sure the fixture models exist (generated from TypeScript, never committed).
// Placeholder until lib/onnx/fixtures lands.
export async function setup() {}
