// Channel credentials (API keys, OAuth tokens) are stored encrypted with AES-256-GCM and decrypted only in the
// worker and the server code that calls a marketplace; no procedure returns them. The key comes from
// FLUXO_SECRETS_KEY (32 bytes, base64 or hex) or, as the auth secret does, from a key file generated once beside the
// database. Rotation: put the new key in FLUXO_SECRETS_KEY and the old one in FLUXO_SECRETS_KEY_PREVIOUS (several may
// be given, comma-separated), then run `npm run secrets:rotate`, which re-encrypts every stored secret with the new
// key; afterwards the old key can be dropped (docs/CHANNELS.md).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const VERSION = "v1";
const KEY_BYTES = 32;

export class SecretKeyError extends Error {}

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) {
    throw new SecretKeyError("A chave de criptografia dos segredos deve ter 32 bytes (64 caracteres hex ou base64).");
  }
  return key;
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export type SecretKeys = { current: Buffer; all: Map<string, Buffer> };

/** The key file used when no key is configured: beside the database, created once, readable by its owner only. */
export function secretKeyFile(databasePath: string): string {
  return join(dirname(databasePath), ".secrets-key");
}

export function loadSecretKeys(
  env: Record<string, string | undefined> = process.env,
  databasePath = env.DATABASE_PATH ?? "data/fluxo.db",
): SecretKeys {
  let current: Buffer;
  if (env.FLUXO_SECRETS_KEY) {
    current = parseKey(env.FLUXO_SECRETS_KEY);
  } else {
    const file = secretKeyFile(databasePath);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      try {
        writeFileSync(file, randomBytes(KEY_BYTES).toString("base64"), { mode: 0o600, flag: "wx" });
      } catch (error) {
        // The web server and the worker start together: whoever came second reads the first one's key.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    current = parseKey(readFileSync(file, "utf8"));
  }
  const previous = (env.FLUXO_SECRETS_KEY_PREVIOUS ?? "")
    .split(",")
    .filter((k) => k.trim() !== "")
    .map(parseKey);
  return { current, all: new Map([current, ...previous].map((k) => [keyId(k), k])) };
}

const b64 = (buffer: Buffer) => buffer.toString("base64url");

export function encryptSecret(plaintext: string, keys: SecretKeys): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.current, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyId(keys.current), b64(iv), b64(cipher.getAuthTag()), b64(body)].join(".");
}

export function decryptSecret(sealed: string, keys: SecretKeys): string {
  const [version, kid, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !kid || !iv || !tag || body === undefined) {
    throw new SecretKeyError("Segredo armazenado em formato desconhecido.");
  }
  const key = keys.all.get(kid);
  if (!key) {
    throw new SecretKeyError(
      "O segredo foi cifrado com uma chave que não está configurada; informe-a em FLUXO_SECRETS_KEY_PREVIOUS.",
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Whether a stored secret is still sealed with an older key (what `secrets:rotate` re-encrypts). */
export function sealedWithOldKey(sealed: string, keys: SecretKeys): boolean {
  return sealed.split(".")[1] !== keyId(keys.current);
}

const globalForKeys = globalThis as unknown as { fluxoSecretKeys?: SecretKeys };

export function secretKeys(): SecretKeys {
  globalForKeys.fluxoSecretKeys ??= loadSecretKeys();
  return globalForKeys.fluxoSecretKeys;
}
