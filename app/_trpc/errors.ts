import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

export interface UiError {
  message: string;
  code: string | null;
  /** The stable domain code, e.g. VERSION_CONFLICT or ACCESS_KEY_CHECK_DIGIT. */
  domainCode: string | null;
  field: string | null;
  fieldErrors: Record<string, string> | null;
}

/** The pt-BR message the server sent, with the field it concerns, ready to show next to that field. */
export function toUiError(error: unknown): UiError {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data;
    const fieldMessages = [...new Set(Object.values(data?.fieldErrors ?? {}))];
    return {
      // An input issue's message is its field's pt-BR text; tRPC's own message for it is the raw issue list.
      message: fieldMessages.length ? fieldMessages.join(" ") : error.message,
      code: data?.code ?? null,
      domainCode: data?.domainCode ?? null,
      field: data?.field ?? null,
      fieldErrors: data?.fieldErrors ?? null,
    };
  }
  return {
    message: "Não foi possível falar com o servidor. Verifique a conexão e tente de novo.",
    code: null,
    domainCode: null,
    field: null,
    fieldErrors: null,
  };
}

/** The message for one form field: the domain error's field, or an input-validation issue on that path. */
export function fieldError(error: UiError | null, field: string): string | null {
  if (!error) return null;
  if (error.field === field) return error.message;
  const entry = Object.entries(error.fieldErrors ?? {}).find(([path]) => path === field || path.endsWith(`.${field}`));
  return entry ? entry[1] : null;
}

/** The message to show above the form when no single field owns it. */
export function formLevelError(error: UiError | null, fields: readonly string[]): string | null {
  if (!error) return null;
  if (fields.some((f) => fieldError(error, f))) return null;
  return Object.values(error.fieldErrors ?? {})[0] ?? error.message;
}

/** One message for a whole action: an input issue's own pt-BR text rather than the raw validation summary. */
export function messageOf(error: unknown): string {
  return formLevelError(toUiError(error), []) ?? toUiError(error).message;
}
