// Re-encrypts every stored channel credential with the current key (FLUXO_SECRETS_KEY), reading the old ones with
// FLUXO_SECRETS_KEY_PREVIOUS. Run it after changing the key; afterwards the previous key may be dropped.
import { databasePath, databaseTarget, openDb } from "../db/client";
import { replaceSealedCredentials, sealedCredentials } from "../db/queries/connections";
import { decryptSecret, encryptSecret, loadSecretKeys, sealedWithOldKey } from "../server/security/secrets";

const keys = loadSecretKeys(process.env, databasePath());
const db = openDb(databaseTarget());
try {
  const rows = sealedCredentials(db).filter((r) => r.credentials && sealedWithOldKey(r.credentials, keys));
  db.transaction(() => {
    for (const row of rows) {
      replaceSealedCredentials(db, row.id, encryptSecret(decryptSecret(row.credentials ?? "", keys), keys));
    }
  });
  console.log(`${rows.length} credencial(is) cifrada(s) de novo com a chave atual.`);
} finally {
  db.$client.close();
}
