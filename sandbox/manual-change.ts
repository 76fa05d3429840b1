// Simulates a seller changing an order by hand in the marketplace's own panel, to provoke a divergence:
//   npx tsx sandbox/manual-change.ts --url http://127.0.0.1:4010 --channel americanas --code X --status INVOICED
// Options: --status, --access-key, --tracking-code, --reason (for CANCELED). Prints the changed order.
import { parseArgs } from "node:util";

const USAGE =
  "usage: npx tsx sandbox/manual-change.ts [--url http://127.0.0.1:4010] --channel <id> --code <code> " +
  "[--status <STATUS>] [--access-key <44 chars>] [--tracking-code <code>] [--reason <text>]";

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      options: {
        url: { type: "string", default: "http://127.0.0.1:4010" },
        channel: { type: "string" },
        code: { type: "string" },
        status: { type: "string" },
        "access-key": { type: "string" },
        "tracking-code": { type: "string" },
        reason: { type: "string" },
      },
    }).values;
  } catch (cause) {
    console.error(cause instanceof Error ? cause.message : cause);
    console.error(USAGE);
    return 2;
  }
  const { url, channel, code, status, reason } = values;
  const accessKey = values["access-key"];
  const trackingCode = values["tracking-code"];
  if (!channel || !code || (!status && !accessKey && !trackingCode)) {
    console.error(USAGE);
    return 2;
  }
  const endpoint = `${url?.replace(/\/$/, "")}/admin/orders/${encodeURIComponent(channel)}/${encodeURIComponent(code)}/manual-change`;
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ status, accessKey, trackingCode, reason }),
  });
  const text = await response.text();
  if (!response.ok) {
    console.error(`manual change failed: HTTP ${response.status} ${text}`);
    return 1;
  }
  console.log(text);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (cause) => {
    console.error(`manual change failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    process.exit(1);
  },
);
