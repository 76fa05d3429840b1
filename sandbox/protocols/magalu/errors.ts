import type { JsonResponse } from "../../types";

/** The error body this stand-in answers: { error, message, details } (the shape is an assumption, docs/CHANNELS.md). */
export function magaluError(
  status: number,
  error: string,
  message: string,
  details: { field: string; message: string }[] = [],
): JsonResponse {
  return { status, body: { error, message, details } };
}

export const notFound = (what: string) => magaluError(404, "not_found", `${what} not found`);
