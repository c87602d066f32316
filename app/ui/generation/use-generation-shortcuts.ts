"use client";
// A1111's generation shortcuts while a tab is shown: Ctrl+Enter generates, Alt+Enter skips, Esc
// interrupts. The window listener is registered once; a ref lets it see the latest handlers.
import { useEffect, useRef } from "react";

interface Shortcuts {
  active: boolean;
  running: boolean;
  generate: () => void;
  interrupt: () => void;
  skip: () => void;
}

export function useGenerationShortcuts(current: Shortcuts) {
  const shortcuts = useRef(current);
  shortcuts.current = current;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = shortcuts.current;
      if (!s.active) return;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !s.running) s.generate();
      else if (e.key === "Enter" && e.altKey && s.running) s.skip();
      else if (e.key === "Escape" && s.running) s.interrupt();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
