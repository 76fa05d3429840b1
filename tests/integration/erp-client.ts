// A small ERP written against SkyHub's public documentation: the three headers, JSON bodies, the XML as multipart.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/db/client";
import { createErpApiServer, type ErpServerOptions } from "@/server/erp-api/server";

export interface ErpAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface ErpCredentials {
  email: string;
  key: string;
}

export async function startErpApi(db: Db, options: ErpServerOptions = {}) {
  const server: Server = createErpApiServer(db, options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function erpClient(url: string, credentials: ErpCredentials | null) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(credentials ? { "X-User-Email": credentials.email, "X-Api-Key": credentials.key } : {}),
    Accept: "application/json",
    ...extra,
  });
  async function call(method: string, path: string, body?: unknown): Promise<ErpAnswer> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: headers(body === undefined || isForm ? {} : { "Content-Type": "application/json" }),
      body: body === undefined ? undefined : isForm ? body : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }
  const order = (code: string) => `/orders/${encodeURIComponent(code)}`;
  return {
    call,
    statuses: () => call("GET", "/statuses"),
    list: (query = "") => call("GET", `/orders${query}`),
    get: (code: string) => call("GET", order(code)),
    next: () => call("GET", "/queues/orders"),
    ack: (code: string) => call("DELETE", `/queues/orders/${encodeURIComponent(code)}`),
    invoiceKey: (code: string, key: string) =>
      call("POST", `${order(code)}/invoice`, { status: "order_invoiced", invoice: { key } }),
    invoiceXml: (code: string, xml: Buffer) => {
      const form = new FormData();
      form.set("status", "order_invoiced");
      form.set("file", new Blob([new Uint8Array(xml)], { type: "text/xml" }), "nfe.xml");
      return call("POST", `${order(code)}/invoice`, form);
    },
    ship: (code: string, trackingCode: string) =>
      call("POST", `${order(code)}/shipments`, {
        status: "order_shipped",
        shipment: { code, items: [], track: { code: trackingCode, carrier: "Correios", method: "SEDEX", url: "" } },
      }),
    deliver: (code: string) => call("POST", `${order(code)}/delivery`, { status: "complete" }),
    exception: (code: string, observation: string) =>
      call("POST", `${order(code)}/shipment_exception`, { shipment_exception: { observation } }),
    cancel: (code: string) => call("POST", `${order(code)}/cancel`, {}),
  };
}

/** Reads and acknowledges the queue until it is empty, as SkyHub's integration guide describes. */
export async function drainQueue(erp: ReturnType<typeof erpClient>): Promise<string[]> {
  const codes: string[] = [];
  for (;;) {
    const next = await erp.next();
    if (next.status === 204) return codes;
    if (next.status !== 200) throw new Error(`queue answered ${next.status}`);
    const code = (next.body as { code: string }).code;
    codes.push(code);
    const ack = await erp.ack(code);
    if (ack.status !== 204) throw new Error(`ack answered ${ack.status}`);
  }
}
