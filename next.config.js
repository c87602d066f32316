/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm-loading packages stay runtime require()s on the server.
  serverExternalPackages: ["onnxruntime-node", "sharp", "better-sqlite3", "@prisma/adapter-better-sqlite3", "tsx"],
  // Generation requests from the UI carry base64 images (init images, masks) in server-action bodies.
  experimental: { serverActions: { bodySizeLimit: "64mb" } },
};

export default nextConfig;
