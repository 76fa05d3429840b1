import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { isSameOriginRequest } from "@/server/http/same-origin";

function handler(req: Request) {
  // proxy.ts skips this route (see its matcher), so the CSRF check the other API routes get there is made here.
  if (!isSameOriginRequest(req.method, req.headers)) {
    return Response.json({ error: "Requisição de outra origem recusada." }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed`, error);
    },
  });
}

export { handler as GET, handler as POST };
