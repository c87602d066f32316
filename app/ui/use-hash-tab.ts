"use client";
// The selected tab mirrors the URL hash (/#img2img), so links and reloads land on a tab and the
// browser's back button moves between tabs.
import { useCallback, useEffect, useState } from "react";
import { tabFromHash, type TabId } from "@/app/ui/tabs";

export function useHashTab(initial: TabId): [TabId, (tab: TabId) => void] {
  const [tab, setTab] = useState<TabId>(initial);

  useEffect(() => {
    const sync = () => setTab(tabFromHash(window.location.hash) ?? initial);
    sync();
    window.addEventListener("hashchange", sync);
    return () => window.removeEventListener("hashchange", sync);
  }, [initial]);

  const select = useCallback((next: TabId) => {
    if (window.location.hash !== `#${next}`) window.location.hash = next;
    setTab(next);
  }, []);

  return [tab, select];
}
