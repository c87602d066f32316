import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Onyx" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-zinc-900 font-sans text-zinc-100">{children}</body>
    </html>
  );
}
