import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/api/session";
import { AppHeader } from "../_components/app-header";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const requestHeaders = await headers();
  // The same check as every API call, so a page after sign-out is never rendered from the signed cookie cache.
  const user = await getSessionUser(new Headers(requestHeaders));
  if (!user) redirect("/entrar");
  return (
    <div className="min-h-screen">
      <AppHeader />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
