/**
 * A small SkyHub (Americanas Marketplace) order API client written ONLY from SkyHub's public developer documentation.
 * It knows nothing about Fluxo: it is what an ERP that already speaks SkyHub would send.
 *
 * Doc sources (cited by the short names used in comments):
 * - [auth]      https://skyhub.com.br/api/ ("Headers de autenticação", "Headers do formato de dados", pagination)
 * - [update]    https://desenvolvedores.skyhub.com.br/pedidos/atualizacao-de-pedidos (request headers, invoice,
 *               shipments, delivery, shipment_exception, cancel bodies; "status que não existe ... erro 422")
 * - [update-v1] https://desenvolvedores.skyhub.com.br/integracao-pedido/atualizacao-de-pedidos (shipments example body)
 * - [queues]    https://desenvolvedores.skyhub.com.br/pedidos/consumo-de-pedidos-queues and
 *               https://skyhub-english.gitbook.io/skyhub-api-english/skyhub-api-guides/queues-fila-de-integracao
 * - [consult]   https://desenvolvedores.skyhub.com.br/pedidos/consulta-de-pedidos (GET /orders -> {total, orders})
 * - [filter]    https://desenvolvedores.skyhub.com.br/integracao-pedido/consulta-de-pedidos and
 *               https://skyhub-english.gitbook.io/skyhub-api-english/skyhub-api-guides/order-and-product-filtering
 * - [statuses]  https://skyhub.gelato.io/docs/versions/1.0/resources/statuses and
 *               https://skyhub-english.gitbook.io/skyhub-api-english/skyhub-api-guides/order-integration
 * - [orders]    https://skyhub.gelato.io/docs/versions/1.0/resources/orders (order resource fields)
 * - [http]      https://skyhub-english.gitbook.io/skyhub-api-english/http-response-status-codes ({error: "..."})
 * - [issue]     https://desenvolvedores.skyhub.com.br/comunicados/comunicados-2020/atributo-data-faturamento-vigente-desde-20-02-20
 * - [sdk]       github.com/bittools/skyhub-php (official PHP SDK): src/Api/Handler/Request/Sales/OrderHandler.php,
 *               .../Order/QueueHandler.php, src/Api/DataTransformer/Sales/Order/*.php (incl. B2WDirectInvoiced:
 *               multipart XML invoice with parts file, status, volume_qty, issue_date)
 */

export interface SkyHubCredentials {
  /** [auth]/[update]: X-User-Email. */
  email: string;
  /** [update]: X-Api-Key (the integration token). */
  apiKey: string;
  /** [update]: X-Accountmanager-Key, the token of the platform/ERP. */
  accountManagerKey?: string;
}

/** [statuses]: a status is {code, label, type}. */
export interface SkyHubStatus {
  code: string;
  label: string;
  type: string;
}

/** [orders]/[queues]: the fields of the order resource this ERP reads. */
export interface SkyHubOrder {
  code: string;
  channel?: string;
  placed_at: string;
  updated_at?: string;
  total_ordered: number;
  shipping_cost?: number;
  shipping_method?: string;
  estimated_delivery?: string;
  status: SkyHubStatus;
  customer: { name: string; email?: string; vat_number?: string; phones?: string[] };
  shipping_address: {
    street: string;
    number: string;
    detail?: string;
    neighborhood?: string;
    city: string;
    region: string;
    country?: string;
    postcode: string;
  };
  billing_address?: Record<string, unknown>;
  items: {
    id: string;
    product_id?: string;
    name: string;
    qty: number;
    original_price: number;
    special_price: number;
  }[];
  invoices?: { key: string; number?: string; line?: string; issue_date?: string }[];
  shipments?: {
    code: string;
    items?: { sku: string; qty: number }[];
    track?: { code: string; carrier: string; method: string; url?: string };
  }[];
  sync_status?: string;
}

export interface SkyHubResponse<T = unknown> {
  status: number;
  /** Parsed JSON when the body is JSON, the raw text otherwise, null when empty. */
  body: T | null;
  text: string;
  contentType: string | null;
}

export interface ShipmentInput {
  items: { sku: string; qty: number }[];
  track: { code: string; carrier: string; method: string; url: string };
  /** [update-v1]: "delivered_carrier_date": "2019-01-27T12:30:00-03:00". */
  deliveredCarrierDate?: string;
}

/** [statuses]/[update]: the standard status codes an ERP posts. */
export const SKYHUB_STATUS = {
  new: "book_product",
  approved: "payment_received",
  invoiced: "order_invoiced",
  shipped: "order_shipped",
  delivered: "complete",
  shipmentException: "shipment_exception",
  canceled: "order_canceled",
} as const;

export class SkyHubClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: SkyHubCredentials,
  ) {}

  /** [auth]/[update]: every call carries the user's e-mail, the API key, the account manager key, and JSON Accept. */
  private headers(json = true): Record<string, string> {
    const headers: Record<string, string> = {
      "X-User-Email": this.credentials.email,
      "X-Api-Key": this.credentials.apiKey,
      Accept: "application/json",
    };
    if (this.credentials.accountManagerKey) headers["X-Accountmanager-Key"] = this.credentials.accountManagerKey;
    if (json) headers["Content-Type"] = "application/json";
    return headers;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { json?: unknown; rawBody?: string; form?: FormData } = {},
  ): Promise<SkyHubResponse<T>> {
    const init: RequestInit = { method, headers: this.headers(options.form === undefined) };
    if (options.form) init.body = options.form;
    else if (options.rawBody !== undefined) init.body = options.rawBody;
    else if (options.json !== undefined) init.body = JSON.stringify(options.json);
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const text = await response.text();
    const contentType = response.headers.get("content-type");
    let body: unknown = null;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, body: body as T | null, text, contentType };
  }

  /** [statuses]/[sdk StatusHandler]: GET /statuses -> an array of {code, label, type}. */
  statuses() {
    return this.request<SkyHubStatus[]>("GET", "/statuses");
  }

  /** [queues]/[sdk QueueHandler]: GET /queues/orders returns ONE order at a time. */
  nextQueuedOrder() {
    return this.request<SkyHubOrder>("GET", "/queues/orders");
  }

  /** [queues]/[sdk QueueHandler]: DELETE /queues/orders/{code} acknowledges the order. */
  acknowledge(code: string) {
    return this.request("DELETE", `/queues/orders/${encodeURIComponent(code)}`);
  }

  /** [consult]/[sdk OrderHandler::order]: GET /orders/{code}. */
  order(code: string) {
    return this.request<SkyHubOrder>("GET", `/orders/${encodeURIComponent(code)}`);
  }

  /**
   * [consult]/[filter]/[sdk OrderHandler::orders]: GET /orders?page=&per_page=&filters[statuses][]=code.
   * The answer is {total, orders: [...]}.
   */
  orders(query: { page?: number; perPage?: number; statuses?: string[] } = {}) {
    const params = new URLSearchParams();
    if (query.page !== undefined) params.set("page", String(query.page));
    if (query.perPage !== undefined) params.set("per_page", String(query.perPage));
    for (const status of query.statuses ?? []) params.append("filters[statuses][]", status);
    const search = params.toString();
    return this.request<{ total: number; orders: SkyHubOrder[] }>("GET", `/orders${search ? `?${search}` : ""}`);
  }

  /** [update]/[issue]/[sdk Invoice]: POST /orders/{code}/invoice {status: "order_invoiced", invoice: {key, issue_date}}. */
  invoiceByKey(code: string, key: string, issueDate?: string) {
    const invoice: Record<string, string> = { key };
    if (issueDate) invoice.issue_date = issueDate;
    return this.request("POST", `/orders/${encodeURIComponent(code)}/invoice`, {
      json: { status: SKYHUB_STATUS.invoiced, invoice },
    });
  }

  /**
   * [sdk B2WDirectInvoiced]: POST /orders/{code}/invoice as multipart/form-data with the parts
   * file (Content-Type text/xml, a .xml file name), status, volume_qty and issue_date.
   */
  invoiceByXml(
    code: string,
    xml: Buffer | string,
    options: { volumeQty: number; issueDate: string; fileName?: string },
  ) {
    const form = new FormData();
    const bytes = typeof xml === "string" ? xml : new Uint8Array(xml);
    form.append("file", new Blob([bytes], { type: "text/xml" }), options.fileName ?? "nfe.xml");
    form.append("status", SKYHUB_STATUS.invoiced);
    form.append("volume_qty", String(options.volumeQty));
    form.append("issue_date", options.issueDate);
    return this.request("POST", `/orders/${encodeURIComponent(code)}/invoice`, { form });
  }

  /**
   * [update]/[update-v1]: POST /orders/{code}/shipments
   * {status: "order_shipped", shipment: {code, delivered_carrier_date, items: [{sku, qty}], track: {code, carrier, method, url}}}.
   */
  ship(code: string, shipment: ShipmentInput) {
    const body: Record<string, unknown> = { code, items: shipment.items, track: shipment.track };
    if (shipment.deliveredCarrierDate) body.delivered_carrier_date = shipment.deliveredCarrierDate;
    return this.request("POST", `/orders/${encodeURIComponent(code)}/shipments`, {
      json: { status: SKYHUB_STATUS.shipped, shipment: body },
    });
  }

  /** [update]/[sdk Delivery]: POST /orders/{code}/delivery {status: "complete", delivered_date}. */
  delivered(code: string, deliveredDate: string) {
    return this.request("POST", `/orders/${encodeURIComponent(code)}/delivery`, {
      json: { status: SKYHUB_STATUS.delivered, delivered_date: deliveredDate },
    });
  }

  /**
   * [update]/[sdk ShipmentException]: POST /orders/{code}/shipment_exception
   * {status: "shipment_exception", shipment_exception: {occurrence_date, observation}}.
   */
  shipmentException(code: string, occurrenceDate: string, observation: string) {
    return this.request("POST", `/orders/${encodeURIComponent(code)}/shipment_exception`, {
      json: {
        status: SKYHUB_STATUS.shipmentException,
        shipment_exception: { occurrence_date: occurrenceDate, observation },
      },
    });
  }

  /** [update]/[sdk Cancel]: POST /orders/{code}/cancel {status: "order_canceled"}. */
  cancel(code: string) {
    return this.request("POST", `/orders/${encodeURIComponent(code)}/cancel`, {
      json: { status: SKYHUB_STATUS.canceled },
    });
  }
}
