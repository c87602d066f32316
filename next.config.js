/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm-loading packages stay runtime require()s on the server.
  serverExternalPackages: ["onnxruntime-node", "sharp", "better-sqlite3", "@prisma/adapter-better-sqlite3", "tsx"],
  // Generation requests carry base64 images (init images, masks); proxy.ts (auth) sees every request
  // outside /sdapi and would otherwise cut bodies at 10 MB.
  experimental: { serverActions: { bodySizeLimit: "64mb" }, proxyClientMaxBodySize: "64mb" },
};

export default nextConfig;
