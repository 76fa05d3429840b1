import { normalizeCnpj } from "../../domain/documents";
import type { ChannelCredentials } from "../adapter";

/** The three values SkyHub asks on every request (X-User-Email, X-Api-Key, X-Accountmanager-Key). */
export interface SkyhubCredentials {
  userEmail: string;
  apiKey: string;
  accountManagerKey: string;
}

/** The stored credentials of a connection, or null when one of the three is missing. */
export function skyhubCredentials(stored: ChannelCredentials | null): SkyhubCredentials | null {
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
  const userEmail = text(stored?.userEmail);
  const apiKey = text(stored?.apiKey);
  const accountManagerKey = text(stored?.accountManagerKey);
  return userEmail && apiKey && accountManagerKey ? { userEmail, apiKey, accountManagerKey } : null;
}

/**
 * The keys the marketplace sandbox issues to a seller's store: derived from the CNPJ so the demo and the tests can
 * connect without a sign-up step. The sandbox recognises the same shapes (sandbox/README.md, "SkyHub").
 */
export function sandboxSkyhubCredentials(sellerCnpj: string): ChannelCredentials {
  const cnpj = normalizeCnpj(sellerCnpj);
  return {
    userEmail: `loja-${cnpj.toLowerCase()}@sandbox.skyhub.local`,
    apiKey: `sandbox-${cnpj}`,
    accountManagerKey: "fluxo-sandbox",
  };
}
