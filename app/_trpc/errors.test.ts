import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { messageOf, toUiError } from "./errors";

const clientError = (message: string, data: Record<string, unknown>) =>
  new TRPCClientError(message, { result: { error: { code: -32600, message, data } } as never });

describe("toUiError", () => {
  it("says an input issue in its own pt-BR words, not as tRPC's raw issue list", () => {
    const error = clientError('[ { "code": "custom", "path": ["filters","to"], "message": "A data inicial…" } ]', {
      code: "BAD_REQUEST",
      fieldErrors: {
        "filters.to": "A data inicial deve ser anterior à final.",
        "filters.q": "Busque com até 100 caracteres.",
      },
    });
    expect(toUiError(error).message).toBe("A data inicial deve ser anterior à final. Busque com até 100 caracteres.");
    expect(messageOf(error)).toBe("A data inicial deve ser anterior à final.");
  });

  it("keeps a domain error's message", () => {
    const error = clientError("Este pedido mudou desde que você abriu o formulário.", {
      code: "CONFLICT",
      domainCode: "VERSION_CONFLICT",
      fieldErrors: null,
    });
    expect(toUiError(error)).toMatchObject({
      message: "Este pedido mudou desde que você abriu o formulário.",
      domainCode: "VERSION_CONFLICT",
    });
  });
});
