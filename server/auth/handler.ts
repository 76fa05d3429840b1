// Every answer of the sign-in API (/api/auth/*) in pt-BR. better-auth words its refusals in English ("Too many
// requests", "Invalid email or password"); a browser or script that calls it reads ours instead, with the same
// status and better-auth's stable code.
import { getAuth } from "./auth";

const BY_CODE: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "E-mail ou senha incorretos. Confira e tente de novo.",
  INVALID_EMAIL: "E-mail inválido. Confira o endereço e tente de novo.",
  INVALID_PASSWORD: "Senha incorreta. Confira e tente de novo.",
  USER_NOT_FOUND: "E-mail ou senha incorretos. Confira e tente de novo.",
  SESSION_EXPIRED: "Sua sessão expirou. Entre novamente.",
  FAILED_TO_GET_SESSION: "Sua sessão expirou. Entre novamente.",
  INVALID_ORIGIN: "Requisição de outra origem recusada. Entre pelo endereço do Fluxo.",
  MISSING_OR_NULL_ORIGIN: "Requisição de outra origem recusada. Entre pelo endereço do Fluxo.",
};

const BY_STATUS: Record<number, string> = {
  400: "Os dados de entrada não estão no formato esperado. Informe e-mail e senha e tente de novo.",
  401: "E-mail ou senha incorretos. Confira e tente de novo.",
  403: "Acesso recusado. Entre pelo endereço do Fluxo com o seu usuário.",
  404: "Este endereço de autenticação não existe. Entre pela página /entrar.",
  429: "Muitas tentativas de entrada. Aguarde um minuto e tente de novo.",
};
const FALLBACK = "Não foi possível entrar agora. Tente de novo em instantes; se continuar, fale com o suporte.";

async function codeOf(response: Response): Promise<string | null> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  const code = body && typeof body === "object" && "code" in body ? (body as { code: unknown }).code : null;
  return typeof code === "string" ? code : null;
}

export async function handleAuthRequest(request: Request): Promise<Response> {
  const response = await getAuth().handler(request);
  if (response.status < 400) return response;
  const code = await codeOf(response);
  const message = (code && BY_CODE[code]) || BY_STATUS[response.status] || FALLBACK;
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ code: code ?? `HTTP_${response.status}`, message }), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
