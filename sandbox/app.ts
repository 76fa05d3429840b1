// Wires store, generator and faults to the routes; server.ts only owns the process around it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRandom } from "../scripts/seed-data/random";
import * as admin from "./admin";
import { type ApiRequest, getOrder, listOrders, postUpdate } from "./api";
import type { SandboxConfig } from "./config";
import { Faults } from "./faults";
import { Generator } from "./generator";
import { BodyTooLarge, error, json, readBody, send } from "./http";
import { PROTOCOLS, type SandboxProtocol } from "./protocols";
import { SandboxStore } from "./store";
import type { JsonResponse } from "./types";

export interface Sandbox {
  store: SandboxStore;
  generator: Generator;
  faults: Faults;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  close: () => void;
}

const ORDER_PATH = /^\/v1\/orders\/([^/]+)\/([^/]+)$/;
const UPDATE_PATH = /^\/v1\/orders\/([^/]+)\/([^/]+)\/updates$/;
const MANUAL_PATH = /^\/admin\/orders\/([^/]+)\/([^/]+)\/manual-change$/;

function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    // A malformed escape cannot name an existing order; the raw text simply finds nothing.
    return segment ?? "";
  }
}

function segments(match: RegExpExecArray): [string, string] {
  return [decode(match[1]), decode(match[2])];
}

export function createSandbox(config: SandboxConfig): Sandbox {
  const store = new SandboxStore(config.dbPath);
  // Offset by the last seq so a restarted sandbox does not replay the same customers, while a fresh database
  // with the same seed gives the same orders.
  const generator = new Generator(store, config.sellers, createRandom(config.seed + store.lastSeq()));
  const faults = new Faults(config.faults, config.seed ^ 0x5eed);
  const deps = { store, generator, faults };

  function route(req: ApiRequest): JsonResponse | Promise<JsonResponse> {
    const { method, path } = req;
    if (path === "/health") return json(200, { ok: true });
    if (path.startsWith("/v1/")) return routeV1(req);
    const protocol = PROTOCOLS.find((p) => p.matches(method, path));
    if (protocol) return routeProtocol(protocol, req);
    if (path === "/admin/faults") {
      if (method === "GET") return admin.getFaults(deps);
      if (method === "POST") return admin.postFaults(req, deps);
    }
    if (method === "POST") {
      if (path === "/admin/orders") return admin.createOrder(req, deps);
      if (path === "/admin/tick") return admin.tick(deps);
      if (path === "/admin/import") return admin.importOrders(req, deps);
      if (path === "/admin/reset") return admin.reset(deps);
      const manual = MANUAL_PATH.exec(path);
      if (manual) return admin.manualChange(req, deps, ...segments(manual));
    }
    if (method === "GET" && path === "/admin/updates") return admin.listUpdates(req, deps);
    return error(404, "Rota não encontrada.");
  }

  async function routeProtocol(protocol: SandboxProtocol, req: ApiRequest): Promise<JsonResponse> {
    if (!protocol.unfaulted?.(req.method, req.path)) {
      const fault = await faults.beforeRequest();
      if (fault) return fault;
    }
    return protocol.handle(req, deps);
  }

  async function routeV1(req: ApiRequest): Promise<JsonResponse> {
    const fault = await faults.beforeRequest();
    if (fault) return fault;
    const { method, path } = req;
    if (method === "GET" && path === "/v1/orders") return listOrders(req, deps);
    const update = UPDATE_PATH.exec(path);
    if (update && method === "POST") return postUpdate(req, deps, ...segments(update));
    const order = ORDER_PATH.exec(path);
    if (order && method === "GET") return getOrder(req, deps, ...segments(order));
    return error(404, "Rota não encontrada.");
  }

  async function handleAsync(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    let body: string;
    try {
      body = await readBody(req);
    } catch (cause) {
      send(
        res,
        cause instanceof BodyTooLarge
          ? error(413, "Corpo da requisição grande demais.")
          : error(400, "Corpo ilegível."),
      );
      return;
    }
    try {
      const response = await route({
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      send(res, response);
    } catch (cause) {
      console.error("sandbox: request failed", req.method, req.url, cause);
      send(res, error(500, "Erro interno do sandbox."));
    }
  }

  return {
    store,
    generator,
    faults,
    handle: (req, res) => {
      void handleAsync(req, res);
    },
    close: () => store.close(),
  };
}
