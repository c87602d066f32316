"use client";
// An inline SVG icon (lucide) with its own <title>: icons drawn from a font's emoji glyphs show as
// empty boxes on a machine without an emoji font (docs/ui.md#icons), an SVG draws everywhere.
// (Not named icon.tsx: under app/ that is Next.js's favicon convention and would become a route.)
import type { LucideIcon } from "lucide-react";

interface IconProps {
  icon: LucideIcon;
  /** The tooltip and the name a screen reader gives the picture. */
  title: string;
  size?: number;
}

export function Icon({ icon: Glyph, title, size = 16 }: IconProps) {
  return (
    <Glyph size={size} aria-hidden="true" focusable="false" className="shrink-0">
      <title>{title}</title>
    </Glyph>
  );
}
