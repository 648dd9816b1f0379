import type { Metadata } from "next";
import { getLocale } from "@/lib/i18n/server";
import { Providers } from "./providers";
// Self-hosted Japanese font (subset by unicode-range), so screens look the same on every machine.
import "@fontsource/noto-sans-jp/400.css";
import "@fontsource/noto-sans-jp/700.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Billing Console / 請求コンソール", template: "%s · Billing Console" },
  robots: { index: false, follow: false },
  // public/: the favicon and the app icons (scripts/make-icons.ts renders them from icon.svg).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icons/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/icons/apple-touch-icon.png",
  },
  manifest: "/icons/site.webmanifest",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
