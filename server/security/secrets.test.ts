import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, loadSecretKeys, SecretKeyError, sealedWithOldKey } from "./secrets";

const dir = mkdtempSync(join(tmpdir(), "fluxo-secrets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OLD = Buffer.alloc(32, 1).toString("base64");
const NEW = Buffer.alloc(32, 2).toString("hex");

describe("sealed secrets", () => {
  it("open to exactly what was sealed, and never show it", () => {
    const keys = loadSecretKeys({ FLUXO_SECRETS_KEY: OLD }, join(dir, "a.db"));
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (secret) => {
        const sealed = encryptSecret(secret, keys);
        expect(decryptSecret(sealed, keys)).toBe(secret);
        if (secret.length >= 4) expect(sealed).not.toContain(secret);
      }),
    );
    // A fresh nonce each time: the same secret never seals to the same text.
    expect(encryptSecret("chave", keys)).not.toBe(encryptSecret("chave", keys));
  });

  it("refuse a tampered text", () => {
    const keys = loadSecretKeys({ FLUXO_SECRETS_KEY: OLD }, join(dir, "a.db"));
    const parts = encryptSecret('{"apiKey":"abc"}', keys).split(".");
    const body = Buffer.from(parts[4] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => decryptSecret(parts.join("."), keys)).toThrow();
  });

  it("rotate: a new key reads what the previous one sealed, and says which texts still use it", () => {
    const before = loadSecretKeys({ FLUXO_SECRETS_KEY: OLD }, join(dir, "a.db"));
    const sealed = encryptSecret("refresh-token-1", before);
    const onlyNew = loadSecretKeys({ FLUXO_SECRETS_KEY: NEW }, join(dir, "a.db"));
    expect(() => decryptSecret(sealed, onlyNew)).toThrow(SecretKeyError);
    const rotating = loadSecretKeys({ FLUXO_SECRETS_KEY: NEW, FLUXO_SECRETS_KEY_PREVIOUS: OLD }, join(dir, "a.db"));
    expect(sealedWithOldKey(sealed, rotating)).toBe(true);
    const resealed = encryptSecret(decryptSecret(sealed, rotating), rotating);
    expect(sealedWithOldKey(resealed, rotating)).toBe(false);
    expect(decryptSecret(resealed, onlyNew)).toBe("refresh-token-1");
  });

  it("without a configured key, generate one file beside the database, readable by its owner only, and keep it", () => {
    const database = join(dir, "b", "fluxo.db");
    const first = loadSecretKeys({}, database);
    const file = join(dir, "b", ".secrets-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSecretKeys({}, database);
    expect(decryptSecret(encryptSecret("x", first), again)).toBe("x");
    expect(readFileSync(file, "utf8")).toHaveLength(44);
  });

  it("refuse a configured key of the wrong size, saying what it must be", () => {
    expect(() => loadSecretKeys({ FLUXO_SECRETS_KEY: "curta" }, join(dir, "c.db"))).toThrow(/32 bytes/);
  });
});
