import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { DomainErrorKind } from "@/server/domain/errors";

// The one table from domain error kinds to transport codes.
export const DOMAIN_KIND_TO_TRPC: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  precondition: "PRECONDITION_FAILED",
  bad_input: "BAD_REQUEST",
  forbidden: "FORBIDDEN",
};
