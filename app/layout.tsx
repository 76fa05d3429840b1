import type { Metadata, Viewport } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { TRPCReactProvider } from "./_trpc/client";
import { APPLE_TOUCH_ICON, THEME_COLOR } from "./app-icons";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Fluxo", template: "%s · Fluxo" },
  description: "Hub de integração de pedidos de marketplaces",
  applicationName: "Fluxo",
  icons: { apple: APPLE_TOUCH_ICON.src },
  appleWebApp: { capable: true, title: "Fluxo", statusBarStyle: "default" },
};

export const viewport: Viewport = { themeColor: THEME_COLOR };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="pt-BR">
      <body className="min-h-screen">
        <NuqsAdapter>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </NuqsAdapter>
      </body>
    </html>
  );
}
