import { and, eq, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { workerLeases } from "../schema";

/**
 * Takes the lease `name` for `owner` until `now + ms`: free, expired or already this owner's. False when another
 * worker holds it; one statement, so two workers asking at once cannot both get it.
 */
export function takeLease(db: Db, name: string, owner: string, now: Date, ms: number): boolean {
  const until = new Date(now.getTime() + ms);
  const result = db
    .insert(workerLeases)
    .values({ name, owner, until })
    .onConflictDoUpdate({
      target: workerLeases.name,
      set: { owner, until },
      setWhere: or(lt(workerLeases.until, now), eq(workerLeases.owner, owner)),
    })
    .run();
  return result.changes === 1;
}

/** Gives the lease back at once, if this owner still holds it. */
export function releaseLease(db: Db, name: string, owner: string): void {
  db.delete(workerLeases)
    .where(and(eq(workerLeases.name, name), eq(workerLeases.owner, owner)))
    .run();
}
