import type { Db } from "../../db/client";
import { isDatabaseFailure } from "../../db/errors";
import { outboxBacklog } from "../../db/queries/health";
import { readPartsStatus } from "../runtime/parts-status";
import { assessHealth, type HubHealth } from "./health";
import { findStaleUpdates } from "./replication/stale-updates";

/** The hub's health as the endpoint reports it: the supervisor's word on the parts, and the outbox as it stands. */
export function hubHealth(db: Db, partsStatusFile: string, now: number): HubHealth {
  const parts = readPartsStatus(partsStatusFile);
  try {
    const backlog = outboxBacklog(db);
    const stale = findStaleUpdates(db, new Date(now)).reduce((sum, group) => sum + group.count, 0);
    return assessHealth({ now, parts, backlog: { ...backlog, stale } });
  } catch (error) {
    // A database that cannot be read makes the hub not whole; that is the answer, not a failure of the check.
    if (!isDatabaseFailure(error)) throw error;
    return assessHealth({ now, parts, backlog: null });
  }
}
