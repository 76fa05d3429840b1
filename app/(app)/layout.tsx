import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/api/session";
import { AppHeader } from "../_components/app-header";
import { SkipLinks } from "../_components/skip-links";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const requestHeaders = await headers();
  // The same check as every API call, so a page after sign-out is never rendered from the signed cookie cache.
  const user = await getSessionUser(new Headers(requestHeaders));
  if (!user) redirect("/entrar");
  return (
    <div className="min-h-screen">
      <SkipLinks />
      <AppHeader />
      {/* Focusable from the skip link only, so the next Tab continues inside the page rather than in the header. */}
      <main
        id="conteudo"
        tabIndex={-1}
        className="mx-auto max-w-7xl px-4 py-6 focus:outline-none print:max-w-none print:p-0"
      >
        {children}
      </main>
    </div>
  );
}
