import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

export interface UiError {
  message: string;
  code: string | null;
  field: string | null;
  fieldErrors: Record<string, string[] | undefined> | null;
}

/** The pt-BR message the server sent, with the field it concerns, ready to show next to that field. */
export function toUiError(error: unknown): UiError {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data;
    return {
      message: error.message,
      code: data?.code ?? null,
      field: data?.field ?? null,
      fieldErrors: data?.fieldErrors ?? null,
    };
  }
  return {
    message: "Não foi possível falar com o servidor. Verifique a conexão e tente de novo.",
    code: null,
    field: null,
    fieldErrors: null,
  };
}
