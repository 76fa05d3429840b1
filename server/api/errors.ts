import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { DomainErrorKind } from "@/server/domain/errors";

// The one table from domain error kinds to transport codes.
export const DOMAIN_KIND_TO_TRPC: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  precondition: "PRECONDITION_FAILED",
  bad_input: "BAD_REQUEST",
  forbidden: "FORBIDDEN",
  unavailable: "SERVICE_UNAVAILABLE",
};

/** A refusal the API itself words (sign-in, roles, body size): its pt-BR message goes to the client as is. */
export class Refusal extends TRPCError {
  constructor(code: TRPC_ERROR_CODE_KEY, message: string) {
    super({ code, message });
  }
}

// What a client reads when nothing more precise was said: tRPC's own errors (a body that is not JSON, an unknown
// procedure, a wrong method) and unexpected failures carry the framework's English, never shown.
export const TRANSPORT_MESSAGES: Record<TRPC_ERROR_CODE_KEY, string> = {
  PARSE_ERROR: "O corpo da requisição não é um JSON válido. Envie os dados em JSON, no formato da API do Fluxo.",
  BAD_REQUEST: "Os dados enviados não estão no formato esperado. Confira os campos e envie de novo.",
  UNAUTHORIZED: "Sua sessão expirou. Entre novamente.",
  PAYMENT_REQUIRED: "Este recurso não está disponível na sua conta. Fale com o suporte do Fluxo.",
  FORBIDDEN: "Seu usuário não tem permissão para esta ação. Peça a quem administra a conta.",
  NOT_FOUND: "Este endereço da API não existe. Confira o nome da operação na documentação da API do Fluxo.",
  METHOD_NOT_SUPPORTED: "Método HTTP não aceito aqui: use GET para consultas e POST para alterações.",
  TIMEOUT: "O Fluxo demorou demais para responder. Tente de novo em instantes.",
  CONFLICT: "Os dados mudaram enquanto você trabalhava. Recarregue a página e tente de novo.",
  PRECONDITION_FAILED: "Esta ação não é possível agora. Recarregue a página para ver a situação atual.",
  PAYLOAD_TOO_LARGE: "O envio é grande demais. Envie menos arquivos de cada vez.",
  UNSUPPORTED_MEDIA_TYPE: "Tipo de conteúdo não aceito. Envie o corpo como application/json.",
  UNPROCESSABLE_CONTENT: "Os dados enviados não puderam ser processados. Confira os campos e envie de novo.",
  PRECONDITION_REQUIRED: "Esta ação precisa de uma confirmação antes. Recarregue a página e tente de novo.",
  TOO_MANY_REQUESTS: "Muitas requisições em pouco tempo. Aguarde um minuto e tente de novo.",
  CLIENT_CLOSED_REQUEST: "A requisição foi interrompida antes da resposta. Tente de novo.",
  INTERNAL_SERVER_ERROR: "Erro interno do Fluxo. Tente de novo em instantes; se continuar, fale com o suporte.",
  NOT_IMPLEMENTED: "Esta operação ainda não existe no Fluxo.",
  BAD_GATEWAY: "Um serviço do Fluxo não respondeu. Tente de novo em instantes.",
  SERVICE_UNAVAILABLE: "O Fluxo está indisponível no momento. Tente de novo em instantes.",
  GATEWAY_TIMEOUT: "Um serviço do Fluxo demorou demais para responder. Tente de novo em instantes.",
};

/**
 * The same kinds as HTTP statuses for the SkyHub-compatible ERP API (server/erp-api), which answers as SkyHub does:
 * 422 for a flow, rule or validation refusal, 404 for an order the key's account does not have.
 */
export const DOMAIN_KIND_TO_HTTP: Record<DomainErrorKind, number> = {
  not_found: 404,
  conflict: 422,
  precondition: 422,
  bad_input: 422,
  forbidden: 403,
  unavailable: 503,
};
