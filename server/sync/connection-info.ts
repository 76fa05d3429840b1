import type { Db } from "../../db/client";
import { type Connection, saveSealedCredentials } from "../../db/queries/connections";
import type { ChannelCredentials, ConnectionInfo } from "../channels/registry";
import { decryptSecret, encryptSecret, secretKeys } from "../security/secrets";

/** What an adapter needs of a stored connection: its address and its credentials, opened here and nowhere else. */
export function connectionInfo(db: Db, connection: Connection): ConnectionInfo {
  return {
    channel: connection.channel,
    baseUrl: connection.baseUrl,
    sellerCnpj: connection.sellerCnpj,
    credentials: connection.credentials
      ? (JSON.parse(decryptSecret(connection.credentials, secretKeys())) as ChannelCredentials)
      : null,
    saveCredentials: (credentials, tokenExpiresAt) =>
      saveSealedCredentials(
        db,
        connection.id,
        encryptSecret(JSON.stringify(credentials), secretKeys()),
        tokenExpiresAt,
      ),
  };
}
