// Contract: every call the adapter makes, as SP-API documents it (Orders API v2026-01-01 and v0 shipmentConfirmation,
// Delivery Shipment Invoicing 2022-07-01, Login with Amazon), and its handling of each documented answer. A local
// node:http server stands in for sellingpartnerapi-na.amazon.com and api.amazon.com and records what arrives.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChannelCredentials, UpdateToPush } from "../adapter";
import { AmazonSpAdapter } from "./adapter";
import { INVOICE_ROLE_MISSING, ROLE_MISSING } from "./answers";
import { AUTHORIZATION_LOST } from "./lwa";
import { currentRate } from "./rate-limit";

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answers: ((req: Seen) => Answer)[];
let lwa: (req: Seen) => Answer;
let tokens: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const entry = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      const next = url.pathname === "/auth/o2/token" ? lwa : (answers.shift() ?? ((): Answer => ({ status: 500 })));
      const answer = next(entry);
      const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...answer.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let seller = 0;
let saved: { credentials: ChannelCredentials; expiresAt: Date | null }[];
beforeEach(() => {
  seen = [];
  answers = [];
  saved = [];
  tokens = 0;
  seller++;
  lwa = () => ({
    status: 200,
    body: { access_token: `Atza|token-${++tokens}`, token_type: "bearer", expires_in: 3600 },
  });
});

// A seller of its own per test: tokens and usage-plan buckets are kept per app and refresh token.
function adapter(extra: ChannelCredentials = {}): AmazonSpAdapter {
  return new AmazonSpAdapter({
    channel: "amazon",
    baseUrl,
    sellerCnpj: "06929383000163",
    credentials: {
      clientId: "amzn1.application-oa2-client.test",
      clientSecret: "secret",
      refreshToken: `Atzr|seller-${seller}`,
      tokenUrl: `${baseUrl}/auth/o2/token`,
      ...extra,
    },
    saveCredentials: (credentials, expiresAt) => saved.push({ credentials, expiresAt }),
  });
}

const api = () => seen.filter((s) => s.path !== "/auth/o2/token");

function amazonOrder(extra: Record<string, unknown> = {}) {
  return {
    orderId: "702-3412345-1234567",
    createdTime: "2026-11-09T13:02:11Z",
    lastUpdatedTime: "2026-11-09T13:05:00Z",
    salesChannel: { channelName: "Amazon.com.br", marketplaceId: "A2Q3Y263D00KWC" },
    buyer: { buyerName: "Daniel Cardoso", buyerEmail: "abc@marketplace.amazon.com.br" },
    recipient: {
      deliveryAddress: {
        name: "Daniel Cardoso",
        addressLine1: "Rua Augusta, 1500",
        city: "São Paulo",
        stateOrRegion: "SP",
        postalCode: "01304-001",
        countryCode: "BR",
        phone: "+55 11 91234-5678",
        extendedFields: {
          streetName: "Rua Augusta",
          streetNumber: "1500",
          complement: "ap 12",
          neighborhood: "Consolação",
        },
      },
    },
    proceeds: {
      grandTotal: { amount: "362.80", currencyCode: "BRL" },
      breakdowns: [
        { type: "ITEM", subtotal: { amount: "349.90", currencyCode: "BRL" } },
        { type: "SHIPPING", subtotal: { amount: "12.90", currencyCode: "BRL" } },
      ],
    },
    tax: {
      taxRegistrations: [{ entityType: "BUYER", taxRegistrationType: "CPF", taxRegistrationNumber: "529.982.247-25" }],
      taxInvoicing: { invoiceStatus: "NOT_FOUND" },
    },
    fulfillment: {
      fulfillmentStatus: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      shipByWindow: { earliestDateTime: "2026-11-09T13:02:11Z", latestDateTime: "2026-11-11T23:59:59Z" },
    },
    orderItems: [
      {
        orderItemId: "12345678901234",
        quantityOrdered: 1,
        product: {
          sellerSku: "FONE-BT-01",
          title: "Fone Bluetooth",
          price: { unitPrice: { amount: "349.90", currencyCode: "BRL" } },
        },
      },
    ],
    packages: [],
    ...extra,
  };
}

const xml = '<nfeProc><NFe><infNFe Id="NFe35261106929383000163550010000012341000012345"></infNFe></NFe></nfeProc>';
const update = (kind: string, payload: Record<string, unknown> = {}): UpdateToPush => ({
  orderCode: "702-3412345-1234567",
  kind,
  payload,
  idempotencyKey: `key-${seller}-${kind}`,
});
const invoice = () =>
  update("invoice", {
    accessKey: "35261106929383000163550010000012341000012345",
    xmlBase64: Buffer.from(xml).toString("base64"),
  });
const shipment = () =>
  update("shipment", {
    carrier: "jadlog",
    trackingCode: "JD123456789BR",
    method: "Expresso",
    handedAt: "2026-11-10T14:00:00-03:00",
  });

describe("Login with Amazon", () => {
  it("buys an access token with the refresh token, form-encoded, sends it as x-amz-access-token and stores it sealed", async () => {
    answers.push(() => ({ status: 404, body: { errors: [{ code: "NotFound", message: "Order not found" }] } }));
    expect(await adapter().readOrder("702-3412345-1234567")).toBeNull();
    const [token, call] = seen;
    expect(token?.method).toBe("POST");
    expect(token?.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: `Atzr|seller-${seller}`,
      client_id: "amzn1.application-oa2-client.test",
      client_secret: "secret",
    });
    expect(call?.headers["x-amz-access-token"]).toBe("Atza|token-1");
    expect(call?.headers.authorization).toBeUndefined();
    expect(saved[0]?.credentials.accessToken).toBe("Atza|token-1");
    expect(saved[0]?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("reuses a stored token that is still valid, and renews one about to expire", async () => {
    answers.push(
      () => ({ status: 404 }),
      () => ({ status: 404 }),
    );
    await adapter({ accessToken: "Atza|stored", expiresAt: Date.now() + 3000_000 }).readOrder("1");
    expect(seen.map((s) => s.headers["x-amz-access-token"] ?? s.path)).toEqual(["Atza|stored"]);
    seller++;
    await adapter({ accessToken: "Atza|old", expiresAt: Date.now() + 60_000 }).readOrder("1");
    expect(seen.slice(1).map((s) => s.headers["x-amz-access-token"] ?? s.path)).toEqual([
      "/auth/o2/token",
      "Atza|token-1",
    ]);
  });

  it("a 403 gets one new token and one retry (an expired token answers like a missing role)", async () => {
    answers.push(
      () => ({
        status: 403,
        body: {
          errors: [
            {
              code: "Unauthorized",
              message: "Access to requested resource is denied.",
              details: "The access token you provided has expired.",
            },
          ],
        },
      }),
      () => ({ status: 200, body: { order: amazonOrder() } }),
    );
    const order = await adapter({ accessToken: "Atza|stale", expiresAt: Date.now() + 3000_000 }).readOrder(
      "702-3412345-1234567",
    );
    expect(order?.status).toBe("APPROVED");
    expect(api().map((s) => s.headers["x-amz-access-token"])).toEqual(["Atza|stale", "Atza|token-1"]);
  });

  it("invalid_grant: the seller must authorize the app again; the update is refused with that sentence", async () => {
    lwa = () => ({
      status: 400,
      body: { error: "invalid_grant", error_description: "The request has an invalid grant parameter" },
    });
    expect(await adapter().pushUpdate(shipment())).toEqual({
      outcome: "rejected",
      reason: `${AUTHORIZATION_LOST} Depois, reenvie.`,
    });
    expect(await adapter().checkConnection()).toEqual({ ok: false, message: AUTHORIZATION_LOST, cause: "refused" });
  });

  it("LWA down is transient, not the seller's to fix", async () => {
    lwa = () => ({ status: 503 });
    const result = await adapter().pushUpdate(shipment());
    expect(result).toMatchObject({ outcome: "transient", cause: "server_error" });
  });
});

describe("intake: searchOrders by lastUpdatedAfter", () => {
  it("asks Brazil's merchant-fulfilled orders with every data set, pages by paginationToken, then moves the window", async () => {
    answers.push(
      () => ({
        status: 200,
        body: {
          orders: [amazonOrder()],
          pagination: { nextToken: "page-2" },
          lastUpdatedBefore: "2026-11-09T14:00:00Z",
        },
        headers: { "x-amzn-RateLimit-Limit": "0.0056" },
      }),
      () => ({
        status: 200,
        body: { orders: [amazonOrder({ orderId: "702-0000000-0000002" })], lastUpdatedBefore: "2026-11-09T14:00:00Z" },
      }),
    );
    const a = adapter();
    const first = await a.pullOrders(JSON.stringify({ after: "2026-11-09T13:00:00.000Z" }));
    const [search] = api();
    expect(search?.method).toBe("GET");
    expect(search?.path).toBe("/orders/2026-01-01/orders");
    expect(Object.fromEntries(search?.query ?? [])).toEqual({
      marketplaceIds: "A2Q3Y263D00KWC",
      lastUpdatedAfter: "2026-11-09T13:00:00.000Z",
      fulfilledBy: "MERCHANT",
      includedData: "BUYER,RECIPIENT,PROCEEDS,CANCELLATION,FULFILLMENT,PACKAGES,TAX",
      maxResultsPerPage: "100",
    });
    expect(first.orders.map((o) => o.code)).toEqual(["702-3412345-1234567"]);
    const second = await a.pullOrders(first.cursor);
    expect(Object.fromEntries(api()[1]?.query ?? [])).toEqual({
      marketplaceIds: "A2Q3Y263D00KWC",
      paginationToken: "page-2",
    });
    expect(second.orders.map((o) => o.code)).toEqual(["702-0000000-0000002"]);
    expect(JSON.parse(second.cursor)).toEqual({ after: "2026-11-09T14:00:00Z", token: null, before: null });
  });

  it("a first load reads the last 30 days", async () => {
    answers.push(() => ({ status: 200, body: { orders: [], lastUpdatedBefore: new Date().toISOString() } }));
    await adapter().pullOrders(null);
    const after = Date.parse(api()[0]?.query.get("lastUpdatedAfter") ?? "");
    expect(Math.round((Date.now() - after) / 86_400_000)).toBe(30);
  });

  it("follows x-amzn-RateLimit-Limit, and without a token left reads nothing until the next pull", async () => {
    answers.push(() => ({ status: 200, body: { orders: [] }, headers: { "x-amzn-RateLimit-Limit": "0.0001" } }));
    const a = adapter();
    const cursor = JSON.stringify({ after: "2026-11-09T13:00:00.000Z" });
    await a.pullOrders(cursor);
    const key = `${baseUrl}|amzn1.application-oa2-client.test|Atzr|seller-${seller}|searchOrders`;
    expect(currentRate(key, "searchOrders")).toBe(0.0001);
    answers.push(() => ({
      status: 429,
      body: { errors: [{ code: "QuotaExceeded", message: "You exceeded your quota" }] },
    }));
    expect(await a.pullOrders(cursor)).toEqual({ orders: [], cursor });
    const calls = api().length;
    expect(await a.pullOrders(cursor)).toEqual({ orders: [], cursor });
    expect(api().length).toBe(calls);
  });

  it("a 5xx is a failed read the worker reports and retries", async () => {
    answers.push(() => ({ status: 503, body: { errors: [{ code: "ServiceUnavailable", message: "Try again" }] } }));
    await expect(adapter().pullOrders(null)).rejects.toMatchObject({ failure: "server_error" });
  });
});

describe("getOrder → the hub's order", () => {
  const read = async (extra: Record<string, unknown>) => {
    answers.push(() => ({ status: 200, body: { order: amazonOrder(extra) } }));
    return adapter().readOrder("702-3412345-1234567");
  };

  it("reads buyer, CPF, Brazilian address, items and money with the data sets, no Restricted Data Token", async () => {
    const order = await read({});
    expect(api()[0]?.path).toBe("/orders/2026-01-01/orders/702-3412345-1234567");
    expect(api()[0]?.query.get("includedData")).toBe("BUYER,RECIPIENT,PROCEEDS,CANCELLATION,FULFILLMENT,PACKAGES,TAX");
    expect(order).toMatchObject({
      code: "702-3412345-1234567",
      channel: "amazon",
      status: "APPROVED",
      logisticsMode: "own_carrier",
      customer: { name: "Daniel Cardoso", document: "52998224725", email: "abc@marketplace.amazon.com.br" },
      address: {
        street: "Rua Augusta",
        number: "1500",
        complement: "ap 12",
        district: "Consolação",
        city: "São Paulo",
        state: "SP",
        zip: "01304001",
      },
      items: [{ sku: "FONE-BT-01", name: "Fone Bluetooth", quantity: 1, unitPriceCents: 34990 }],
      shippingCents: 1290,
      totalCents: 36280,
      invoice: null,
      shipBy: "2026-11-11T23:59:59Z",
      seq: Date.parse("2026-11-09T13:05:00Z"),
    });
  });

  it.each([
    [{ fulfillment: { fulfillmentStatus: "PENDING" } }, "NEW"],
    [{ tax: { taxInvoicing: { invoiceStatus: "ACCEPTED" } } }, "INVOICED"],
    [{ tax: { taxInvoicing: { invoiceStatus: "PROCESSING" } } }, "APPROVED"],
    [
      {
        fulfillment: { fulfillmentStatus: "SHIPPED" },
        packages: [
          {
            packageReferenceId: "1",
            trackingNumber: "T1",
            carrier: "Correios",
            packageStatus: { status: "IN_TRANSIT" },
          },
        ],
      },
      "SHIPPED",
    ],
    [
      {
        fulfillment: { fulfillmentStatus: "SHIPPED" },
        packages: [{ packageReferenceId: "1", trackingNumber: "T1", packageStatus: { status: "DELIVERED" } }],
      },
      "DELIVERED",
    ],
    [
      {
        fulfillment: { fulfillmentStatus: "SHIPPED" },
        packages: [{ packageReferenceId: "1", trackingNumber: "T1", packageStatus: { status: "UNDELIVERABLE" } }],
      },
      "SHIPMENT_EXCEPTION",
    ],
    [{ fulfillment: { fulfillmentStatus: "CANCELLED" } }, "CANCELED"],
  ])("status %j → %s", async (extra, status) => {
    expect((await read(extra))?.status).toBe(status);
  });

  it("the package gives the tracking and Correios as the mode; a buyer's cancellation request is flagged", async () => {
    const shipped = await read({
      fulfillment: { fulfillmentStatus: "SHIPPED" },
      packages: [
        {
          packageReferenceId: "1",
          carrier: "Correios",
          shippingService: "SEDEX",
          trackingNumber: "QB123456789BR",
          packageStatus: { status: "IN_TRANSIT" },
        },
      ],
    });
    expect(shipped).toMatchObject({
      logisticsMode: "correios",
      shipment: { carrier: "Correios", trackingCode: "QB123456789BR", method: "SEDEX" },
    });
    const asked = await read({
      orderItems: [{ ...amazonOrder().orderItems[0], cancellation: { cancellationRequest: { requester: "BUYER" } } }],
    });
    expect(asked?.cancellationRequested).toBe(true);
  });
});

describe("NF-e: Delivery Shipment Invoicing", () => {
  const md5 = createHash("md5").update(xml).digest("base64");
  const statusAnswer = (invoiceStatus: string) => () => ({
    status: 200,
    body: { amazonOrderId: "702-3412345-1234567", invoiceStatus },
  });

  it("reads the invoice status, then uploads the XML in base64 with its MD5; Amazon validates it later", async () => {
    answers.push(statusAnswer("NotFound"), () => ({ status: 200, body: {} }), statusAnswer("Processing"));
    const result = await adapter().pushUpdate(invoice());
    const [status, upload] = api();
    expect(status?.path).toBe("/delivery/2022-07-01/invoice/status");
    expect(Object.fromEntries(status?.query ?? [])).toEqual({
      orderId: "702-3412345-1234567",
      marketplaceId: "A2Q3Y263D00KWC",
      invoiceType: "Outbound",
      programType: "SelfShip",
    });
    expect(upload?.method).toBe("POST");
    expect(upload?.path).toBe("/delivery/2022-07-01/invoice");
    expect(Object.fromEntries(upload?.query ?? [])).toEqual({ orderId: "702-3412345-1234567" });
    expect(upload?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(upload?.body ?? "")).toEqual({
      marketplaceId: "A2Q3Y263D00KWC",
      invoiceType: "Outbound",
      programType: "SelfShip",
      invoiceContent: Buffer.from(xml).toString("base64"),
      contentMD5Value: md5,
    });
    expect(api()[2]?.path).toBe("/delivery/2022-07-01/invoice/status");
    expect(result).toMatchObject({ outcome: "awaiting_confirmation", checkAfterMs: 30_000 });
  });

  it("a note Amazon validated at once is settled by the look right after the upload", async () => {
    answers.push(statusAnswer("NotFound"), () => ({ status: 200, body: {} }), statusAnswer("Accepted"));
    expect(await adapter().pushUpdate(invoice())).toEqual({
      outcome: "acknowledged",
      response: { invoiceStatus: "Accepted" },
    });
  });

  it("exactly once: an invoice Amazon already has is not uploaded again", async () => {
    answers.push(statusAnswer("Accepted"));
    expect(await adapter().pushUpdate(invoice())).toEqual({
      outcome: "acknowledged",
      response: { invoiceStatus: "Accepted" },
    });
    answers.push(statusAnswer("Processing"));
    expect(await adapter().pushUpdate(invoice())).toMatchObject({ outcome: "awaiting_confirmation" });
    expect(api().map((s) => s.method)).toEqual(["GET", "GET"]);
  });

  it("Errored after the hub's own upload is Amazon's refusal, said in pt-BR", async () => {
    answers.push(statusAnswer("NotFound"), () => ({ status: 200, body: {} }), statusAnswer("Processing"));
    answers.push(statusAnswer("Errored"));
    const a = adapter();
    expect(await a.pushUpdate(invoice())).toMatchObject({ outcome: "awaiting_confirmation" });
    const result = await a.pushUpdate(invoice());
    expect(result).toMatchObject({ outcome: "rejected" });
    expect(result.outcome === "rejected" && result.reason).toMatch(
      /^A Amazon recusou a NF-e deste pedido na validação/,
    );
    expect(api().length).toBe(4);
  });

  it("without the Tax Invoicing role (403) the seller is told to upload it in Seller Central", async () => {
    const denied = () => ({
      status: 403,
      body: { errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "" }] },
    });
    answers.push(denied, denied);
    expect(await adapter().pushUpdate(invoice())).toEqual({ outcome: "rejected", reason: INVOICE_ROLE_MISSING });
    answers.push(statusAnswer("NotFound"), denied, denied);
    expect(await adapter().pushUpdate(invoice())).toEqual({ outcome: "rejected", reason: INVOICE_ROLE_MISSING });
  });

  it.each([
    [
      400,
      { errors: [{ code: "InvalidInput", message: "contentMD5Value mismatch" }] },
      "rejected",
      /“contentMD5Value mismatch”/,
    ],
    [
      200,
      { errors: [{ code: "InvalidInput", message: "Invoice is not valid" }] },
      "rejected",
      /“Invoice is not valid”/,
    ],
    [413, { errors: [{ code: "RequestEntityTooLarge", message: "Too large" }] }, "rejected", /grande demais/],
    [429, { errors: [{ code: "QuotaExceeded", message: "You exceeded your quota" }] }, "transient", /429/],
    [500, { errors: [{ code: "InternalFailure", message: "Internal error" }] }, "transient", /HTTP 500/],
  ])("upload answered %i → %s", async (status, body, outcome, text) => {
    answers.push(statusAnswer("NotFound"), () => ({ status, body }));
    const result = await adapter().pushUpdate(invoice());
    expect(result.outcome).toBe(outcome);
    expect(JSON.stringify(result)).toMatch(text);
  });

  it("an invoice given only by its key is refused before any call", async () => {
    const result = await adapter().pushUpdate(
      update("invoice", { accessKey: "35261106929383000163550010000012341000012345" }),
    );
    expect(result).toMatchObject({ outcome: "rejected" });
    expect(seen).toEqual([]);
  });
});

describe("shipment: confirmShipment", () => {
  it("reads the order's item ids, then confirms with carrier Other and its name, tracking, date and items → 204", async () => {
    answers.push(
      () => ({ status: 200, body: { order: amazonOrder() } }),
      () => ({ status: 204 }),
    );
    const result = await adapter().pushUpdate(shipment());
    const [, confirm] = api();
    expect(confirm?.method).toBe("POST");
    expect(confirm?.path).toBe("/orders/v0/orders/702-3412345-1234567/shipmentConfirmation");
    expect(JSON.parse(confirm?.body ?? "")).toEqual({
      marketplaceId: "A2Q3Y263D00KWC",
      packageDetail: {
        packageReferenceId: "1",
        carrierCode: "Other",
        carrierName: "Jadlog",
        shippingMethod: "Expresso",
        trackingNumber: "JD123456789BR",
        shipDate: "2026-11-10T14:00:00-03:00",
        orderItems: [{ orderItemId: "12345678901234", quantity: 1 }],
      },
    });
    expect(result).toEqual({ outcome: "acknowledged", response: { httpStatus: 204 } });
  });

  it.each([
    [400, "rejected", /“Invalid OrderItemId”/],
    [403, "rejected", new RegExp(ROLE_MISSING.slice(0, 40))],
    [429, "transient", /429/],
    [503, "transient", /HTTP 503/],
  ])("answered %i → %s", async (status, outcome, text) => {
    const answer = () => ({ status, body: { errors: [{ code: "X", message: "Invalid OrderItemId" }] } });
    answers.push(() => ({ status: 200, body: { order: amazonOrder() } }), answer, answer);
    const result = await adapter().pushUpdate(shipment());
    expect(result.outcome).toBe(outcome);
    expect(JSON.stringify(result)).toMatch(text);
  });

  it("a dropped connection is transient with no answer", async () => {
    const dead = new AmazonSpAdapter({
      channel: "amazon",
      baseUrl: "http://127.0.0.1:9",
      sellerCnpj: "06929383000163",
      credentials: {
        clientId: "c",
        clientSecret: "s",
        refreshToken: `Atzr|dead-${seller}`,
        tokenUrl: `${baseUrl}/auth/o2/token`,
      },
      saveCredentials: () => {},
    });
    expect(await dead.pushUpdate(shipment())).toMatchObject({ outcome: "transient", cause: "no_answer" });
  });
});

describe("what Amazon takes only from Seller Central or reports itself", () => {
  it.each(["cancel", "delivered", "delivery_problem", "out_of_stock"])(
    "%s is refused in pt-BR without a call",
    async (kind) => {
      const result = await adapter().pushUpdate(update(kind, { reason: "x" }));
      expect(result.outcome).toBe("rejected");
      expect(seen).toEqual([]);
    },
  );

  it("the test button: an LWA token and getOrder of an id that cannot exist; its 404 says the connection works", async () => {
    answers.push(() => ({ status: 404, body: { errors: [{ code: "NotFound", message: "Order not found" }] } }));
    expect(await adapter().checkConnection()).toEqual({ ok: true });
    expect(api()[0]?.path).toBe("/orders/2026-01-01/orders/000-0000000-0000000");
    const denied = () => ({ status: 403, body: { errors: [{ code: "Unauthorized", message: "Access denied" }] } });
    answers.push(denied, denied);
    expect(await adapter().checkConnection()).toEqual({ ok: false, message: ROLE_MISSING, cause: "refused" });
    answers.push(() => ({ status: 503 }));
    expect(await adapter().checkConnection()).toMatchObject({ ok: false, cause: "server_error" });
  });

  it("without credentials, the connection says what to fill in", async () => {
    const bare = new AmazonSpAdapter({
      channel: "amazon",
      baseUrl,
      sellerCnpj: "1",
      credentials: null,
      saveCredentials: () => {},
    });
    expect(await bare.checkConnection()).toMatchObject({
      ok: false,
      cause: "refused",
      message: expect.stringMatching(/Client ID/),
    });
  });
});
