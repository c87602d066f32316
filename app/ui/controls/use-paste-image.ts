"use client";
// Ctrl+V of an image anywhere on the page while a tab is shown hands the pasted file to that tab,
// as A1111's image inputs take clipboard images. Pastes into text boxes are left alone.
import { useEffect, useRef } from "react";

export function usePasteImage(active: boolean, onFile: (file: File) => void) {
  const handler = useRef({ active, onFile });
  handler.current = { active, onFile };
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (!handler.current.active) return;
      const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
      if (!file) return;
      e.preventDefault();
      handler.current.onFile(file);
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, []);
}
