// Typed domain errors with stable codes. The API maps each code to a transport code in one table
// (server/api/errors.ts); the message is pt-BR and shown to the user as is.
export const DOMAIN_ERROR_KINDS = {
  ORDER_NOT_FOUND: "not_found",
  ACCOUNT_NOT_FOUND: "not_found",
  IMPORT_NOT_FOUND: "not_found",
  ERP_KEY_NOT_FOUND: "not_found",
  VERSION_CONFLICT: "conflict",
  STATUS_CONFLICT: "conflict",
  TRANSITION_NOT_ALLOWED: "precondition",
  CHANNEL_RULE: "precondition",
  ACCESS_KEY_IN_USE: "conflict",
  INVALID_INPUT: "bad_input",
  FORBIDDEN_ROLE: "forbidden",
  // The server's disk, not the request: the same write goes through once the disk takes it again.
  STORAGE_FULL: "unavailable",
  STORAGE_READ_ONLY: "unavailable",
  STORAGE_FAILED: "unavailable",
  // A figure the server gave up computing in time: the same request for a shorter period goes through.
  FIGURES_TOO_SLOW: "unavailable",
} as const;

// Validator codes (ACCESS_KEY_CHECK_DIGIT, NFE_CANCELED, XML_TOO_LARGE, TRACKING_CODE…) are bad input.
export type DomainErrorCode =
  | keyof typeof DOMAIN_ERROR_KINDS
  | `ACCESS_KEY_${string}`
  | `NFE_${string}`
  | `XML_${string}`
  | `NOT_${string}`
  | `TRACKING_${string}`;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[keyof typeof DOMAIN_ERROR_KINDS];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** The form field the message is about, so the UI can show it next to that field. */
  readonly field: string | undefined;

  constructor(code: DomainErrorCode, message: string, field?: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.field = field;
  }

  get kind(): DomainErrorKind {
    if (this.code in DOMAIN_ERROR_KINDS) return DOMAIN_ERROR_KINDS[this.code as keyof typeof DOMAIN_ERROR_KINDS];
    return "bad_input";
  }
}

export function orderNotFound(): DomainError {
  return new DomainError(
    "ORDER_NOT_FOUND",
    "Pedido não encontrado nesta conta. Confira o número e a conta selecionada.",
  );
}
