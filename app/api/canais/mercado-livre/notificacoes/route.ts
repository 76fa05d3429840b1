import { getDb } from "@/db/client";
import { connectionOfMarketplaceUser, storeNotification } from "@/db/queries/notifications";

const MAX_BODY = 4_096;

function parse(text: string): { userId: string; topic: string; resource: string } | null {
  try {
    const body = JSON.parse(text) as { user_id?: unknown; topic?: unknown; resource?: unknown };
    const userId = typeof body.user_id === "number" || typeof body.user_id === "string" ? String(body.user_id) : "";
    if (!/^\d{1,20}$/.test(userId) || typeof body.topic !== "string" || typeof body.resource !== "string") return null;
    if (!body.resource.startsWith("/") || body.resource.length > 200 || body.topic.length > 60) return null;
    return { userId, topic: body.topic, resource: body.resource };
  } catch {
    return null;
  }
}

/**
 * Mercado Livre's notifications ({resource, user_id, topic, …}): stored and answered at once, since ML wants its 200
 * within 500 ms and disables a topic that answers slowly. The body is never trusted: the worker re-reads the resource
 * with the seller's token. A seller the hub does not know still gets 200, so one stale app never loses the others.
 */
export async function POST(req: Request) {
  const text = await req.text();
  const notification = text.length <= MAX_BODY ? parse(text) : null;
  if (!notification) return new Response(null, { status: 400 });
  const db = getDb();
  const connectionId = connectionOfMarketplaceUser(db, "mercado_livre", notification.userId);
  if (connectionId !== null) {
    storeNotification(db, { connectionId, topic: notification.topic, resource: notification.resource }, new Date());
  }
  return new Response(null, { status: 200 });
}
