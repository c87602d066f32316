// The shell's tabs, in A1111's order. The id is the URL hash (/#img2img) and the suffix of the
// tab button's element id (#tab-img2img).

export const TABS = [
  { id: "txt2img", label: "txt2img" },
  { id: "img2img", label: "img2img" },
  { id: "extras", label: "Extras" },
  { id: "pnginfo", label: "PNG Info" },
  { id: "history", label: "History" },
  { id: "settings", label: "Settings" },
  { id: "extensions", label: "Extensions" },
] as const;

export type TabId = (typeof TABS)[number]["id"];

/** The tab a URL hash names ("#img2img", "img2img"), or null for anything else. */
export function tabFromHash(hash: string): TabId | null {
  const id = hash.replace(/^#/, "");
  return TABS.find((t) => t.id === id)?.id ?? null;
}
