import type { Db } from "../../db/client";
import { CHANNEL_WITH_ARTICLE } from "../domain/channels/channels";
import { formatDateTime, plural } from "../domain/format";
import { findStaleUpdates } from "../domain/replication/stale-updates";

/** One log line per account and channel with updates stuck for over a day; returns how many lines. */
export function reportStaleUpdates(db: Db, log: (line: string) => void, now: Date = new Date()): number {
  const stale = findStaleUpdates(db, now);
  for (const group of stale) {
    const updates = plural(group.count, "atualização", "atualizações");
    // The verb agrees as the noun does: the same plural rule, with no number in front.
    const wait = updates.endsWith("atualização") ? "espera" : "esperam";
    log(
      `${updates} de ${group.accountName} (conta ${group.accountId}) ${wait} há mais de um dia para chegar ${CHANNEL_WITH_ARTICLE[group.channel]}, a mais antiga de ${formatDateTime(group.oldestAt)}: confira a conexão do canal em Conexões e reenvie pela página de cada pedido.`,
    );
  }
  return stale.length;
}
