// Helpers for the order-flow integration tests: orders in a precise state, keys, tracking codes, fixtures,
// snapshots of every table an order change touches, and assertions on refusals.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { asc, count, eq } from "drizzle-orm";
import { expect } from "vitest";
import {
  divergences,
  invoices,
  orderItems,
  orders,
  outbox,
  sellerAccounts,
  shipments,
  timelineEntries,
} from "@/db/schema";
import type { MarketplaceOrder } from "@/server/channels/adapter";
import type { ChannelId, LogisticsModeId } from "@/server/domain/channels/channels";
import { queueForErp } from "@/server/domain/erp/queue";
import { DomainError } from "@/server/domain/errors";
import { accessKeyCheckDigit, buildAccessKey } from "@/server/domain/invoice/access-key";
import type { OrderStatus } from "@/server/domain/orders/status";
import { s10CheckDigit } from "@/server/domain/shipping/tracking";
import { buildNfe } from "../fixtures/nfe-builder";
import { FIXED_NOW, type TestWorld } from "./harness";

export const FIXTURES_DIR = new URL("../fixtures/nfe/", import.meta.url).pathname;

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, name));
}

export function fixtureBase64(name: string): string {
  return fixture(name).toString("base64");
}

export const HOMOLOGATION_KEY = "43180906929383000163550010000000261000010301";

/**
 * The homologation fixture under another (valid) key, with the fields the key repeats to match, so several orders of
 * one test world can each be invoiced by XML. Only for channel-rule tests: fixture tests use the file as it is.
 */
export function homologationXmlWithKey(key: string): Buffer {
  return buildNfe({ key });
}

let insertSeq = 0;

export interface InsertOrderOptions {
  accountId: number;
  channel?: ChannelId;
  logisticsMode?: LogisticsModeId;
  status?: OrderStatus;
  placedAt?: Date;
  customerDocument?: string;
  totalCents?: number;
  version?: number;
  cancellationRequestedAt?: Date | null;
  accessKey?: string | null;
}

export type OrderRow = typeof orders.$inferSelect;

let marketplaceSeq = 0;

/** An order as a marketplace's adapter hands it to intake (`syncOne`), placed two hours before FIXED_NOW. */
export function marketplaceOrder(code: string, fields: Partial<MarketplaceOrder>): MarketplaceOrder {
  marketplaceSeq += 1;
  return {
    code,
    channel: "americanas",
    status: "APPROVED",
    logisticsMode: "correios",
    placedAt: new Date(FIXED_NOW - 2 * 3_600_000).toISOString(),
    approvedAt: new Date(FIXED_NOW - 3_600_000).toISOString(),
    customer: { name: "Ana Souza", document: "52998224725", email: null, phone: null },
    address: {
      street: "Rua A",
      number: "1",
      complement: null,
      district: "Centro",
      city: "Porto Alegre",
      state: "RS",
      zip: "90010000",
    },
    items: [{ sku: "SKU-1", name: "Caneca", quantity: 1, unitPriceCents: 5_000 }],
    shippingCents: 0,
    totalCents: 5_000,
    invoice: null,
    shipment: null,
    cancellationRequested: false,
    seq: marketplaceSeq,
    ...fields,
  };
}

/** One order (with one item and its "received" timeline entry) in exactly the state asked for, as it arrived. */
export function insertOrder(world: TestWorld, options: InsertOrderOptions): OrderRow {
  insertSeq += 1;
  const placedAt = options.placedAt ?? new Date(Date.UTC(2026, 10, 10, 15, 0, 0));
  const status = options.status ?? "APPROVED";
  const totalCents = options.totalCents ?? 15_990;
  const shippingCents = Math.min(1_990, Math.floor(totalCents / 4));
  const channel = options.channel ?? "americanas";
  const afterApproval = !["NEW", "PAYMENT_OVERDUE"].includes(status);
  const row = world.db
    .insert(orders)
    .values({
      accountId: options.accountId,
      channel,
      // In capitals, as marketplaces issue codes.
      marketplaceCode: `TEST-${channel.toUpperCase()}-${process.pid}-${insertSeq}`,
      logisticsMode: options.logisticsMode ?? "correios",
      status,
      cancellationRequestedAt: options.cancellationRequestedAt ?? null,
      cancellationReason: options.cancellationRequestedAt ? "Cliente desistiu" : null,
      placedAt,
      approvedAt: afterApproval ? new Date(placedAt.getTime() + 3_600_000) : null,
      estimatedDeliveryAt: new Date(placedAt.getTime() + 7 * 86_400_000),
      statusChangedAt: new Date(placedAt.getTime() + 3_600_000),
      customerName: "Cliente de Teste",
      customerNameSearch: "cliente de teste",
      customerDocument: options.customerDocument ?? "52998224725",
      customerEmail: "cliente@example.com.br",
      customerPhone: "(11) 91234-5678",
      shipStreet: "Rua das Flores",
      shipNumber: "100",
      shipComplement: null,
      shipDistrict: "Centro",
      shipCity: "São Paulo",
      shipState: "SP",
      shipZip: "01001000",
      itemsCents: totalCents - shippingCents,
      shippingCents,
      totalCents,
      accessKey: options.accessKey ?? null,
      trackingCode: null,
      version: options.version ?? 3,
      createdAt: placedAt,
      updatedAt: placedAt,
    })
    .returning()
    .get();
  world.db
    .insert(orderItems)
    .values({
      orderId: row.id,
      sku: "SKU-TESTE",
      name: "Produto de teste",
      quantity: 1,
      unitPriceCents: totalCents - shippingCents,
    })
    .run();
  world.db
    .insert(timelineEntries)
    .values({
      orderId: row.id,
      accountId: options.accountId,
      at: placedAt,
      actorType: "channel",
      actorUserId: null,
      actorName: "Marketplace",
      kind: "order.received",
      fromStatus: null,
      toStatus: "NEW",
      summary: "Pedido recebido do marketplace",
      data: null,
    })
    .run();
  // As intake does for an order that arrives, so ERP tests meet it in the queue.
  queueForErp(
    world.db,
    { accountId: options.accountId, orderId: row.id },
    { from: null, to: status, by: "marketplace" },
  );
  return row;
}

export function orderRow(world: TestWorld, orderId: number): OrderRow {
  const row = world.db.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!row) throw new Error(`no order ${orderId}`);
  return row;
}

export function timelineOf(world: TestWorld, orderId: number) {
  return world.db
    .select()
    .from(timelineEntries)
    .where(eq(timelineEntries.orderId, orderId))
    .orderBy(asc(timelineEntries.id))
    .all();
}

export function outboxOf(world: TestWorld, orderId: number) {
  return world.db.select().from(outbox).where(eq(outbox.orderId, orderId)).orderBy(asc(outbox.id)).all();
}

export function invoicesOf(world: TestWorld, orderId: number) {
  return world.db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(asc(invoices.id)).all();
}

export function shipmentsOf(world: TestWorld, orderId: number) {
  return world.db.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.id)).all();
}

export function tableCounts(world: TestWorld) {
  const n = (table: Parameters<ReturnType<TestWorld["db"]["select"]>["from"]>[0]) =>
    world.db.select({ n: count() }).from(table).get()?.n ?? -1;
  return {
    orders: n(orders),
    orderItems: n(orderItems),
    invoices: n(invoices),
    shipments: n(shipments),
    timelineEntries: n(timelineEntries),
    outbox: n(outbox),
    divergences: n(divergences),
  };
}

/** Everything an order change could touch, to compare before and after a refusal. */
export function snapshot(world: TestWorld, orderId: number) {
  return {
    counts: tableCounts(world),
    order: orderRow(world, orderId),
    timeline: timelineOf(world, orderId),
    outbox: outboxOf(world, orderId),
    invoices: invoicesOf(world, orderId),
    shipments: shipmentsOf(world, orderId),
  };
}

export function accountCnpj(world: TestWorld, accountId: number): string {
  const row = world.db.select().from(sellerAccounts).where(eq(sellerAccounts.id, accountId)).get();
  if (!row) throw new Error("no account");
  return row.cnpj;
}

let keySeq = 0;

/** A valid key of the given CNPJ and month, unique in this process. */
export function validKey(cnpj: string, year = 2026, month = 11, stateCode: string | number = 43): string {
  keySeq += 1;
  return buildAccessKey({
    stateCode,
    year,
    month,
    cnpj,
    series: 1,
    number: 500_000 + keySeq,
    randomCode: String(10_000_000 + ((process.pid * 97 + keySeq * 7919) % 89_999_999)).slice(0, 8),
  });
}

/** A key from raw parts with a correct check digit, so a test can break exactly one rule (state 99, month 13, model 65). */
export function rawKey(parts: { state: string; yymm: string; cnpj: string; model: string; rest?: string }): string {
  keySeq += 1;
  const rest = parts.rest ?? `001${String(700_000 + keySeq).padStart(9, "0")}1${String(12_345_670 + keySeq).slice(-8)}`;
  const first43 = `${parts.state}${parts.yymm}${parts.cnpj}${parts.model}${rest}`;
  if (first43.length !== 43) throw new Error(`raw key has ${first43.length} characters`);
  return first43 + accessKeyCheckDigit(first43);
}

export function withWrongCheckDigit(key: string): string {
  const last = Number(key.charAt(43));
  return key.slice(0, 43) + String((last + 1) % 10);
}

let trackSeq = 0;

export function correiosCode(prefix = "QB"): string {
  trackSeq += 1;
  const digits = String(10_000_000 + ((process.pid * 31 + trackSeq * 104_729) % 89_999_999)).slice(0, 8);
  return `${prefix}${digits}${s10CheckDigit(digits)}BR`;
}

export function correiosCodeWrongDigit(): string {
  const good = correiosCode();
  const wrong = (Number(good.charAt(10)) + 1) % 10;
  return `${good.slice(0, 10)}${wrong}${good.slice(11)}`;
}

const SP_OFFSET_MS = 3 * 3_600_000;

/** São Paulo calendar day, `offsetDays` from today (real clock: procedures use it too). */
export function spDay(offsetDays = 0): string {
  return new Date(Date.now() - SP_OFFSET_MS + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** São Paulo year and month, `offsetMonths` from the current one. */
export function spMonth(offsetMonths = 0): { year: number; month: number } {
  const now = new Date(Date.now() - SP_OFFSET_MS);
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() + offsetMonths;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function tracking(
  overrides: Partial<{
    carrier: "correios" | "jadlog" | "other";
    code: string;
    method: string;
    url: string;
    handedAt: string;
  }> = {},
) {
  return {
    carrier: "correios" as const,
    code: correiosCode(),
    method: "SEDEX",
    url: "https://rastreamento.correios.com.br/app/index.php",
    handedAt: spDay(0),
    ...overrides,
  };
}

const PT_BR_MARKERS =
  /[ãõçáéíóúâêôà]|\b(não|informe|pedido|chave|nota|confira|envie|deve|pode|conta|vendedor|caracteres|arquivo|código|data|escolha|transportadora|motivo|descreva)\b/i;
const ENGLISH_MARKERS = /\b(the|must|invalid|expected|received|error|failed|constraint|undefined|null)\b/i;

/** The text the user sees: the domain message, or the field messages of an input-validation error. */
export function userMessage(error: TRPCError): string {
  const cause = error.cause as unknown;
  if (cause && typeof cause === "object" && "issues" in cause && Array.isArray((cause as { issues: unknown }).issues)) {
    return ((cause as { issues: { message: string }[] }).issues ?? []).map((i) => i.message).join(" ");
  }
  return error.message;
}

export function expectPtBr(message: string): void {
  expect(message.trim().length).toBeGreaterThan(10);
  expect(message).toMatch(PT_BR_MARKERS);
  expect(message).not.toMatch(ENGLISH_MARKERS);
}

/**
 * Awaits a refusal and checks the transport code, the domain code when given, and that the message is pt-BR.
 * Returns the error for further checks.
 */
export async function expectRefusal(
  promise: Promise<unknown>,
  code: TRPCError["code"],
  domainCode?: string,
): Promise<TRPCError> {
  let caught: unknown = null;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the call to be refused").toBeInstanceOf(TRPCError);
  const error = caught as TRPCError;
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  if (domainCode !== undefined) {
    expect(error.cause).toBeInstanceOf(DomainError);
    expect((error.cause as DomainError).code).toBe(domainCode);
  }
  expectPtBr(userMessage(error));
  return error;
}

/** Calls `run` and checks the refusal left every table and the order exactly as they were. */
export async function expectRefusedWithoutChange(
  world: TestWorld,
  orderId: number,
  run: () => Promise<unknown>,
  code: TRPCError["code"],
  domainCode?: string,
): Promise<TRPCError> {
  const before = snapshot(world, orderId);
  const error = await expectRefusal(run(), code, domainCode);
  expect(snapshot(world, orderId)).toEqual(before);
  return error;
}
