import type { Db } from "../client";
import { driverValues, fieldsOf, placeholders, preparedOnce } from "../prepared";
import { timelineEntries } from "../schema";

export type TimelineEntryInsert = Required<Omit<typeof timelineEntries.$inferInsert, "id">>;

const FIELDS = fieldsOf<TimelineEntryInsert>({
  orderId: true,
  accountId: true,
  at: true,
  actorType: true,
  actorUserId: true,
  actorName: true,
  kind: true,
  fromStatus: true,
  toStatus: true,
  summary: true,
  data: true,
});

/**
 * Appends one entry to an order's timeline; returns its id. Every change, marketplace answer and ingested
 * order writes one, so the statement is prepared once. Inside a transaction, pass the connection (`db`).
 */
export function insertTimelineEntry(db: Db, entry: TimelineEntryInsert): number {
  const statement = preparedOnce(db, "timeline.insert", () =>
    db.insert(timelineEntries).values(placeholders(FIELDS)).returning({ id: timelineEntries.id }).prepare(),
  );
  const inserted = statement.get(driverValues(timelineEntries, entry));
  if (!inserted) throw new Error("timeline entry was not written");
  return inserted.id;
}
