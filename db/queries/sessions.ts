import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { preparedOnce } from "../prepared";
import { sessions } from "../schema";

/** Whether the session behind a token still exists and has not expired: sign-out and revocation delete the row. */
export function isSessionLive(db: Db, token: string, now: Date): boolean {
  const statement = preparedOnce(db, "sessions.isLive", () =>
    db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.token, sql.placeholder("token")), gt(sessions.expiresAt, sql.placeholder("now"))))
      .prepare(),
  );
  return statement.get({ token, now: now.getTime() }) !== undefined;
}
