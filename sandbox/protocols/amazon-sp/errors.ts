import type { JsonResponse } from "../../types";

/** SP-API's error body: { errors: [{ code, message, details }] }. */
export function spError(status: number, code: string, message: string, details?: string): JsonResponse {
  return { status, body: { errors: [{ code, message, ...(details === undefined ? {} : { details }) }] } };
}
