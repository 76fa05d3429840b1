import type { JsonResponse } from "../../types";

/** Mercado Livre's error body: { message, error, status, cause }. */
export function mlError(status: number, error: string, message: string): JsonResponse {
  return { status, body: { message, error, status, cause: [] } };
}

export const notFound = (what: string) => mlError(404, "not_found", `${what} not found`);
