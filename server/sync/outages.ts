// The worker's side of the outage rule (server/domain/replication/outage.ts): each call's outcome is recorded on its
// connection, and a connection taken for down gets one probe per interval instead of its backlog.
import type { Db } from "../../db/client";
import {
  type Connection,
  connectionsToProbe,
  outageState,
  saveOutageState,
  takeProbeTurn,
} from "../../db/queries/connections";
import { makeBacklogDue } from "../../db/queries/outbox";
import type { ChannelAdapter, ConnectionInfo } from "../channels/adapter";
import { CHANNEL_LABELS } from "../domain/channels/channels";
import { afterCalls, isOutageFailure, OUTAGE, type OutageState } from "../domain/replication/outage";
import { connectionInfo } from "./connection-info";

export type Log = (line: string) => void;

/** One call to a connection's marketplace and whether it answered (an answer that refuses is still one). */
export interface CallMade {
  connection: Connection;
  answered: boolean;
}

const sameState = (a: OutageState, b: OutageState) =>
  a.consecutiveFailures === b.consecutiveFailures &&
  a.unreachableSince?.getTime() === b.unreachableSince?.getTime() &&
  a.nextProbeAt?.getTime() === b.nextProbeAt?.getTime();

/**
 * Applies the outage rule to one call as soon as its answer (or its failure) is in, so the calls still queued in the
 * same pass see a connection taken for down and are not sent. A connection that answers again gets its whole backlog
 * due at once. Nothing is written while the connection stays healthy.
 */
export function recordCall(db: Db, { connection, answered }: CallMade, now: Date, log: Log): void {
  const tally = { answered: answered ? 1 : 0, unanswered: answered ? 0 : 1 };
  const seen = outageState(db, connection.id);
  if (!seen || sameState(seen, afterCalls(seen, tally, now).state)) return;
  db.transaction(
    () => {
      const before = outageState(db, connection.id);
      if (!before) return;
      const { state, change } = afterCalls(before, tally, now);
      if (!sameState(before, state)) saveOutageState(db, connection.id, state);
      const where = `${CHANNEL_LABELS[connection.channel]} (conta ${connection.accountId})`;
      if (change === "went_down") {
        log(`${where} fora do ar após ${state.consecutiveFailures} falhas seguidas: envios suspensos até responder`);
      }
      if (change === "recovered") {
        const due = makeBacklogDue(db, connection.accountId, connection.channel, now);
        log(`${where} voltou a responder: fila liberada (${due} atualizações adiantadas do back-off)`);
      }
    },
    { behavior: "immediate" },
  );
}

export function isDown(db: Db, connectionId: number): boolean {
  return Boolean(outageState(db, connectionId)?.unreachableSince);
}

/**
 * One probe per connection taken for down whose turn has come: the adapter's cheapest authenticated call. Any
 * answer ends the outage; no answer leaves the next probe one interval away (taken before calling, so lanes and
 * workers running at once send a single probe).
 */
export async function probeDueConnections(
  db: Db,
  adapterFor: (connection: ConnectionInfo) => ChannelAdapter,
  now: () => Date,
  log: Log,
): Promise<void> {
  const due = connectionsToProbe(db, now());
  await Promise.all(
    due.map(async (connection) => {
      const at = now();
      if (!takeProbeTurn(db, connection.id, at, new Date(at.getTime() + OUTAGE.probeEveryMs))) return;
      let answered = false;
      try {
        const check = await adapterFor(connectionInfo(db, connection)).checkConnection();
        answered = check.ok || !isOutageFailure(check.cause);
      } catch (error) {
        log(`sondagem de ${CHANNEL_LABELS[connection.channel]} falhou: ${(error as Error).message}`);
      }
      if (answered) recordCall(db, { connection, answered }, now(), log);
    }),
  );
}
