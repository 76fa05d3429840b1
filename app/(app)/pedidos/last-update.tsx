import { latestUpdateLine } from "@/server/domain/replication/board-update";
import type { BoardRow } from "./board-row";

const TONE: Partial<Record<NonNullable<BoardRow["lastUpdate"]>["state"], string>> = {
  rejected: "text-red-800",
  retrying: "text-amber-800",
};

/** What the order's last update to the marketplace is, and when it was sent or confirmed. */
export function LastUpdate({ update }: { update: BoardRow["lastUpdate"] }) {
  if (!update) return null;
  const tone = update.awaiting ? "text-slate-600" : (TONE[update.state] ?? "text-slate-600");
  return <p className={`mt-1 text-xs ${tone}`}>{latestUpdateLine(update)}</p>;
}
