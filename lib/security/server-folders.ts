// Folder paths on the server typed into the UI (Extras "Batch from directory", img2img Batch): the server reads and
// writes there with its own rights, as A1111 does. That is the machine owner's own business on
// 127.0.0.1, or behind the credentials every request must carry when they are set; with --listen and no
// credentials anyone on the network could read and overwrite the server's files, so such paths are
// refused then (docs/security.md#server-folders).
import { hasCredentialSource } from "@/lib/security/credentials";

/** Why server folder paths are refused, or null when they may be used. */
export function serverFoldersRefusal(env: NodeJS.Dict<string> = process.env): string | null {
  if (env.ONYX_LISTEN !== "1" || hasCredentialSource(env)) return null;
  return "server folders can only be used when Onyx listens on 127.0.0.1 or requires credentials (--auth-file); it is listening on every interface without them";
}
