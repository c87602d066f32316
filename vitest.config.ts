// Unit tests: pure library code, ONNX sessions on fixture models, SQLite files. No server.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // "@onyx/sdk" is what extensions import; tests that import an extension module get the SDK itself.
  resolve: { alias: { "@onyx/sdk": fileURLToPath(new URL("./lib/sdk/index.ts", import.meta.url)), "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts"],
    globalSetup: ["tests/setup/fixtures.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
