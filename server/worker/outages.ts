// The worker's side of the outage rule (server/domain/replication/outage.ts): what each pass's calls showed is
// recorded per connection, and a connection taken for down gets one probe per interval instead of its backlog.
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
import { afterCalls, type CallTally, isOutageFailure, OUTAGE } from "../domain/replication/outage";
import { connectionInfo } from "./connection-info";

export type Log = (line: string) => void;

/** One call to a connection's marketplace and whether it answered (an answer that refuses is still one). */
export interface CallMade {
  connection: Connection;
  answered: boolean;
}

function tallies(calls: CallMade[]): Map<number, { connection: Connection; tally: CallTally }> {
  const byConnection = new Map<number, { connection: Connection; tally: CallTally }>();
  for (const { connection, answered } of calls) {
    const entry = byConnection.get(connection.id) ?? { connection, tally: { answered: 0, unanswered: 0 } };
    if (answered) entry.tally.answered++;
    else entry.tally.unanswered++;
    byConnection.set(connection.id, entry);
  }
  return byConnection;
}

/**
 * Applies the outage rule to what a pass's calls showed, per connection: a connection that answered again gets its
 * whole backlog due at once. Returns the ids of the connections taken for down afterwards.
 */
export function recordCalls(db: Db, calls: CallMade[], now: Date, log: Log): Set<number> {
  const down = new Set<number>();
  if (calls.length === 0) return down;
  db.transaction(
    () => {
      for (const [id, { connection, tally }] of tallies(calls)) {
        const before = outageState(db, id);
        if (!before) continue;
        const { state, change } = afterCalls(before, tally, now);
        const changed =
          state.consecutiveFailures !== before.consecutiveFailures ||
          state.unreachableSince?.getTime() !== before.unreachableSince?.getTime() ||
          state.nextProbeAt?.getTime() !== before.nextProbeAt?.getTime();
        if (changed) saveOutageState(db, id, state);
        const where = `${CHANNEL_LABELS[connection.channel]} (conta ${connection.accountId})`;
        if (change === "went_down") {
          log(`${where} fora do ar após ${state.consecutiveFailures} falhas seguidas: envios suspensos até responder`);
        }
        if (change === "recovered") {
          const due = makeBacklogDue(db, connection.accountId, connection.channel, now);
          log(`${where} voltou a responder: fila liberada (${due} atualizações adiantadas do back-off)`);
        }
        if (state.unreachableSince) down.add(id);
      }
    },
    { behavior: "immediate" },
  );
  return down;
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
      if (answered) recordCalls(db, [{ connection, answered }], now(), log);
    }),
  );
}
