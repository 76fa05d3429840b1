import type { JsonResponse } from "../../types";

/** Mirakl's error body: { message, status }, with Mirakl's error code leading the message where it has one. */
export function miraklError(status: number, message: string): JsonResponse {
  return { status, body: { message, status } };
}
