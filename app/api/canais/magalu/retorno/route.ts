import { requestViewer } from "@/server/api/account-scope";
import { readCookie } from "@/server/api/session";
import { finishMagaluConnect, MAGALU_PENDING_COOKIE } from "@/server/channels/magalu/connect-flow";
import { backToConnections } from "../result";

/** Where ID Magalu sends the seller back: the code is exchanged and the sealed tokens stored on the connection. */
export async function GET(req: Request) {
  const viewer = await requestViewer(req.headers);
  if (!viewer) return new Response("Entre no Fluxo e conecte a Magalu de novo.", { status: 401 });
  const url = new URL(req.url);
  const result = await finishMagaluConnect(viewer.db, {
    origin: url.origin,
    cookie: readCookie(req.headers, MAGALU_PENDING_COOKIE),
    userId: viewer.user.id,
    params: url.searchParams,
  });
  // The state is spent either way: a second return with the same cookie must not reach the token endpoint.
  return backToConnections(url.origin, result, {
    "set-cookie": `${MAGALU_PENDING_COOKIE}=; Path=/api/canais/magalu; Max-Age=0; HttpOnly; SameSite=Lax`,
  });
}
