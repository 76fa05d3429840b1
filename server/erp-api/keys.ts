// An ERP key is 32 random bytes shown once; only its SHA-256 is stored, which is enough for a key this long (no
// dictionary to guess from), and lets each call find its key with one indexed read.
import { createHash, randomBytes } from "node:crypto";

const PREFIX = "fluxo_erp_";

export function newErpKey(): { key: string; hash: string; prefix: string } {
  const key = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashErpKey(key), prefix: key.slice(0, PREFIX.length + 6) };
}

export function hashErpKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
