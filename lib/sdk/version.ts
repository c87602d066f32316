// The extension SDK's version (docs/extensions.md#versions): extensions name the SDK version they were
// written against in their manifest (`"sdk": "1.0"`), and the loader refuses one that needs a newer minor
// version or another major version than this server has. Additions bump the minor version; anything that
// changes or removes a name bumps the major version.
export const SDK_VERSION = "1.8.0";

/** "1", "1.2" or "1.2.3" → [major, minor]; null when the text is not such a version. */
function majorMinor(version: string): [number, number] | null {
  const m = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : null;
}

/** Why an extension needing SDK `required` cannot run on SDK `provided`; null when it can. */
export function sdkIncompatibility(required: string, provided = SDK_VERSION): string | null {
  const need = majorMinor(required);
  const have = majorMinor(provided)!;
  if (!need) return `"sdk": "${required}" is not a version like "1.0"`;
  if (need[0] !== have[0] || need[1] > have[1]) return `needs SDK ${required}, this Onyx has SDK ${provided}`;
  return null;
}
