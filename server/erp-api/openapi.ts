// The ERP API as OpenAPI 3.1, served at GET /openapi.json. Paths, bodies and answers follow SkyHub's public
// documentation; docs/ERP-API.md is the integrator's guide in pt-BR.
const error = { $ref: "#/components/responses/Error" };
const codeParam = {
  name: "code",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "Código do pedido como na SkyHub, <canal>-<código do marketplace>, ou só o código do marketplace",
};
const write = (summary: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  post: {
    summary,
    parameters: [codeParam],
    requestBody: { required: false, content: { "application/json": { schema: body }, ...extra } },
    responses: {
      "204": { description: "Registrado (ou já registrado antes: nada é gravado de novo)" },
      "400": error,
      "401": error,
      "404": error,
      "422": error,
      "429": { $ref: "#/components/responses/TooMany" },
    },
  },
});
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
});
const str = { type: "string" };
const dateTime = { type: "string", format: "date-time" };

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Fluxo — API para ERP (compatível com a API de pedidos da SkyHub)",
    version: "1.0.0",
    description:
      "Pedidos de todos os marketplaces da conta no formato da API da Americanas Marketplace (SkyHub). Guia: docs/ERP-API.md.",
  },
  security: [{ email: [], apiKey: [] }],
  components: {
    securitySchemes: {
      email: { type: "apiKey", in: "header", name: "X-User-Email" },
      apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
    },
    responses: {
      Error: {
        description: "Erro",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
      TooMany: {
        description: "Limite da chave excedido",
        headers: { "Retry-After": { schema: { type: "integer" }, description: "Segundos até a próxima janela" } },
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    },
    schemas: {
      Error: obj({ error: str }, ["error"]),
      Status: obj({ code: str, label: str, type: str }, ["code", "label", "type"]),
      Order: obj(
        {
          code: str,
          channel: str,
          placed_at: dateTime,
          updated_at: dateTime,
          approved_date: { type: ["string", "null"] },
          total_ordered: { type: "number" },
          shipping_cost: { type: "number" },
          status: { $ref: "#/components/schemas/Status" },
          sync_status: { enum: ["SYNCED", "NOT_SYNCED"] },
          customer: obj({ name: str, email: str, vat_number: str, phones: { type: "array", items: str } }),
          shipping_address: { type: "object" },
          billing_address: { type: "object" },
          items: {
            type: "array",
            items: obj({ id: str, name: str, qty: { type: "integer" }, special_price: { type: "number" } }),
          },
          invoices: { type: "array", items: obj({ key: str, line: str, number: str, issue_date: dateTime }) },
          shipments: { type: "array", items: { type: "object" } },
        },
        ["code", "status"],
      ),
    },
  },
  paths: {
    "/statuses": { get: { summary: "Status de pedido", responses: { "200": { description: "Lista de status" } } } },
    "/orders": {
      get: {
        summary: "Pedidos da conta, mais novos primeiro",
        parameters: [
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          {
            name: "per_page",
            in: "query",
            schema: { type: "integer", minimum: 1 },
            description: "Até 100; um valor maior traz 100, como na SkyHub",
          },
          {
            name: "filters[statuses][]",
            in: "query",
            schema: { type: "array", items: str },
            style: "form",
            explode: true,
          },
        ],
        responses: {
          "200": { description: "{ total, orders }" },
          "400": error,
          "401": error,
          "429": { $ref: "#/components/responses/TooMany" },
        },
      },
    },
    "/orders/{code}": {
      get: {
        summary: "Um pedido",
        parameters: [codeParam],
        responses: {
          "200": {
            description: "Pedido",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
          },
          "401": error,
          "404": error,
          "429": { $ref: "#/components/responses/TooMany" },
        },
      },
    },
    "/queues/orders": {
      get: {
        summary: "Próximo pedido da fila (volta se não for confirmado em 5 minutos)",
        description:
          "Entram na fila, como na SkyHub: pedido novo, pagamento aprovado, cancelamento; enviado e entregue quando a logística é do marketplace.",
        responses: {
          "200": {
            description: "Pedido",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
          },
          "204": { description: "Fila vazia" },
          "401": error,
          "429": { $ref: "#/components/responses/TooMany" },
        },
      },
    },
    "/queues/orders/{code}": {
      delete: {
        summary: "Confirma o pedido lido da fila",
        parameters: [codeParam],
        responses: { "204": { description: "Removido da fila" }, "401": error, "404": error },
      },
    },
    "/orders/{code}/invoice": write(
      "Nota fiscal: chave (JSON) ou XML (multipart)",
      obj({ status: { const: "order_invoiced" }, invoice: obj({ key: str, issue_date: dateTime }, ["key"]) }, [
        "invoice",
      ]),
      { "multipart/form-data": { schema: obj({ status: str, file: { type: "string", format: "binary" } }, ["file"]) } },
    ),
    "/orders/{code}/shipments": write(
      "Envio com rastreio",
      obj({
        status: { const: "order_shipped" },
        shipment: obj({
          code: str,
          delivered_carrier_date: dateTime,
          items: { type: "array", items: obj({ sku: str, qty: { type: "integer" } }) },
          track: obj({ code: str, carrier: str, method: str, url: str }, ["code", "carrier"]),
        }),
      }),
    ),
    "/orders/{code}/delivery": write(
      "Entregue ao cliente",
      obj({ status: { const: "complete" }, delivered_date: dateTime }),
    ),
    "/orders/{code}/shipment_exception": write(
      "Problema na entrega",
      obj({
        status: { const: "shipment_exception" },
        shipment_exception: obj({ occurrence_date: dateTime, observation: str }, ["observation"]),
      }),
    ),
    "/orders/{code}/cancel": write("Cancelamento", obj({ status: { const: "order_canceled" } })),
  },
} as const;
