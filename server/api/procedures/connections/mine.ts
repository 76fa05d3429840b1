import { z } from "zod";
import { accountConnections } from "@/db/queries/connections";
import { CHANNEL_IDS, CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { connectionSetup, credentialIdentity } from "@/server/domain/channels/connection-setup";
import { decryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionProcedure, syncParse } from "../../trpc";

const row = z.object({
  channel: z.enum(CHANNEL_IDS),
  label: z.string(),
  protocol: z.string(),
  setup: z.enum(["keys", "shop_key", "oauth", "none"]),
  /** OAuth: where "Conectar" sends the seller, and whom the button names ("com a Magalu"). */
  connect: z.object({ path: z.string(), with: z.string() }).nullable(),
  baseUrl: z.string(),
  enabled: z.boolean(),
  /** Never a secret: who the credentials belong to, or null when none are stored. */
  identity: z.string().nullable(),
  /** A Mirakl shop's choice of how the NF-e goes (not a secret), so its form starts from it. */
  invoiceMethod: z.enum(["additional_fields", "documents"]).nullable(),
  lastPulledAt: z.date().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.date().nullable(),
  tokenExpiresAt: z.date().nullable(),
  rateLimitedUntil: z.date().nullable(),
  /** Since when the marketplace has not answered (the worker only probes it meanwhile). */
  unreachableSince: z.date().nullable(),
});

function opened(sealed: string | null): Record<string, unknown> | null {
  if (!sealed) return null;
  try {
    return JSON.parse(decryptSecret(sealed, secretKeys())) as Record<string, unknown>;
  } catch {
    // Sealed with a key this installation no longer has: shown as stored, and the test says what to do.
    return {};
  }
}

/** The account's connections with their health; the credentials themselves never leave the server. */
export const mine = connectionProcedure.output(syncParse(z.array(row))).query(({ ctx }) =>
  accountConnections(ctx.db, ctx.accountId).map((c) => {
    const setup = connectionSetup(c.channel);
    const credentials = opened(c.credentials);
    return {
      channel: c.channel,
      label: CHANNEL_LABELS[c.channel],
      protocol: setup.label,
      setup: setup.setup,
      connect: setup.connect ?? null,
      baseUrl: c.baseUrl,
      enabled: c.enabled,
      identity: credentialIdentity(credentials),
      invoiceMethod:
        setup.setup === "shop_key" && credentials
          ? credentials.invoiceMethod === "documents"
            ? ("documents" as const)
            : ("additional_fields" as const)
          : null,
      lastPulledAt: c.lastPulledAt,
      lastError: c.lastError,
      lastErrorAt: c.lastErrorAt,
      tokenExpiresAt: c.tokenExpiresAt,
      rateLimitedUntil: c.rateLimitedUntil,
      unreachableSince: c.unreachableSince,
    };
  }),
);
