import { type NextRequest, NextResponse } from "next/server";
import { isSameOriginRequest } from "@/server/http/same-origin";

const SESSION_COOKIES = ["better-auth.session_token", "__Secure-better-auth.session_token"];

// Called by a marketplace's servers, which send no Origin: they act on no session and only make the hub re-read an
// order with the seller's own token, so the CSRF check has nothing to protect there.
const MARKETPLACE_CALLBACKS = new Set(["/api/canais/mercado-livre/notificacoes"]);

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    if (!MARKETPLACE_CALLBACKS.has(pathname) && !isSameOriginRequest(request.method, request.headers)) {
      return NextResponse.json({ error: "Requisição de outra origem recusada." }, { status: 403 });
    }
    return NextResponse.next();
  }
  // Cheap early redirect; the layout still verifies the session against the database.
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && pathname !== "/entrar") {
    const url = new URL("/entrar", request.url);
    if (pathname !== "/") url.searchParams.set("voltar", pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

// The tRPC API never reaches Next: scripts/web.ts serves it in front, with the same origin check.
export const config = {
  // The manifest and its icons are fetched by the browser without cookies, to put the app on a home screen.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest|icons/|apple-touch-icon.png).*)"],
};
