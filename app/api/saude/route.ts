import { databasePath, getDb } from "@/db/client";
import { hubHealth } from "@/server/domain/health-report";
import { partsStatusPath } from "@/server/runtime/parts-status";

export const dynamic = "force-dynamic";

/** Whether the hub is whole, for a person or a monitor: 200 when every part is up, 503 otherwise. No sign-in needed. */
export function GET() {
  const health = hubHealth(getDb(), partsStatusPath(databasePath()), Date.now());
  return Response.json(health, { status: health.whole ? 200 : 503, headers: { "cache-control": "no-store" } });
}
