// One entry point for fields that take either document, such as a customer's CPF/CNPJ.
import { formatCnpj, isValidCnpj, normalizeCnpj } from "./cnpj";
import { formatCpf, isValidCpf } from "./cpf";

export * from "./cnpj";
export * from "./cpf";

export type DocumentKind = "CPF" | "CNPJ";

/** Strips dots, slashes, dashes and spaces and upper-cases (alphanumeric CNPJs). */
export function normalizeDocument(input: string): string {
  return normalizeCnpj(input);
}

/** The kind the input's shape suggests (11 digits → CPF, 14 characters → CNPJ), valid or not, so a form can say which check failed. */
export function documentKind(input: string): DocumentKind | null {
  const doc = normalizeDocument(input);
  if (/^\d{11}$/.test(doc)) return "CPF";
  if (/^[0-9A-Z]{14}$/.test(doc)) return "CNPJ";
  return null;
}

export function isValidCpfOrCnpj(input: string): boolean {
  const kind = documentKind(input);
  if (kind === "CPF") return isValidCpf(input);
  if (kind === "CNPJ") return isValidCnpj(input);
  return false;
}

export function formatDocument(input: string): string {
  const kind = documentKind(input);
  if (kind === "CPF") return formatCpf(input);
  if (kind === "CNPJ") return formatCnpj(input);
  return normalizeDocument(input);
}
