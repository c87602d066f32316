#!/bin/sh
# Stand-in for Prisma's native schema-engine binary, which cannot be downloaded offline.
# `prisma generate` only needs PRISMA_SCHEMA_ENGINE_BINARY to point at an existing file.
echo "The native Prisma schema engine is not available offline. Use: node scripts/db.mjs diff|migrate-dev <name>|deploy|push" >&2
exit 1
