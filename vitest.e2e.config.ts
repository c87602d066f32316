// HTTP and browser tests against a real `next start` server (see tests/setup/server.ts).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // "@onyx/sdk" is what extensions import; tests that import an extension module get the SDK itself.
  resolve: { alias: { "@onyx/sdk": fileURLToPath(new URL("./lib/sdk/index.ts", import.meta.url)), "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/setup/fixtures.ts", "tests/setup/server.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
