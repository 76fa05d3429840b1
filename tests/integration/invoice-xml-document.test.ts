// SPEC §3, XML part: an NF-e is in the NF-e namespace, in layout 4.00, an outgoing note, and its key agrees with the
// fields it repeats. Documents that break one of these once invoiced orders; through the API they leave the order
// exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessKeyCheckDigit } from "@/server/domain/invoice/access-key";
import { expectRefusedWithoutChange, fixture, insertOrder } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

const NFE_NAMESPACE = ' xmlns="http://www.portalfiscal.inf.br/nfe"';
const NFCE_KEY = "41170410422724000187650010000000071000012588";

let world: TestWorld;
let accountA: number;
const originalMode = process.env.FLUXO_NFE_MODE;

beforeAll(async () => {
  world = await createTestWorld(3);
  [accountA] = world.accounts.map((a) => a.id) as [number];
  // Homologation notes are accepted in sandbox mode, so only the checks under test can refuse them.
  process.env.FLUXO_NFE_MODE = "sandbox";
});
afterAll(() => {
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
  world.close();
});

function sendXml(xml: string, placedAt: Date) {
  const order = insertOrder(world, { accountId: accountA, placedAt, customerDocument: "58716523000119" });
  const send = () =>
    world.callerFor(EMAILS.sellerA).orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "xml", fileName: "nota.xml", xmlBase64: Buffer.from(xml, "utf8").toString("base64") },
    });
  return { order, send };
}

describe("an XML that is not a sale's NF-e 4.00 in the NF-e namespace", () => {
  const homologation = () => fixture("authorized-homologation.xml").toString("utf8");
  const beforeHomologation = new Date(Date.UTC(2018, 7, 28, 14));

  it("refuses authorized-homologation.xml with its namespace removed", async () => {
    const stripped = homologation().replaceAll(NFE_NAMESPACE, "");
    expect(stripped).not.toContain("portalfiscal");
    const { order, send } = sendXml(stripped, beforeHomologation);
    const error = await expectRefusedWithoutChange(world, order.id, send, "BAD_REQUEST", "NFE_NAMESPACE");
    expect(error.message).toContain("<nfeProc> do XML está sem namespace");
  });

  it("refuses it as an incoming note when tpNF is 0", async () => {
    const incoming = homologation().replace("<tpNF>1</tpNF>", "<tpNF>0</tpNF>");
    const { order, send } = sendXml(incoming, beforeHomologation);
    await expectRefusedWithoutChange(world, order.id, send, "BAD_REQUEST", "NFE_NOT_OUTGOING");
  });

  it("refuses it with a NUL byte", async () => {
    const { order, send } = sendXml(homologation().replace("<natOp>", "<natOp>\u0000"), beforeHomologation);
    await expectRefusedWithoutChange(world, order.id, send, "BAD_REQUEST", "XML_NUL_BYTE");
  });

  it("refuses the NFC-e under a model-55 key: its old layout, and once in layout 4.00 its ide/mod", async () => {
    const first43 = `${NFCE_KEY.slice(0, 20)}55${NFCE_KEY.slice(22, 43)}`;
    const forged = fixture("nfce-model-65.xml")
      .toString("utf8")
      .split(NFCE_KEY)
      .join(first43 + accessKeyCheckDigit(first43));
    const beforeNfce = new Date(Date.UTC(2017, 3, 1, 12));

    const old = sendXml(forged, beforeNfce);
    const layout = await expectRefusedWithoutChange(world, old.order.id, old.send, "BAD_REQUEST", "NFE_LAYOUT_VERSION");
    expect(layout.message).toContain("leiaute 3.10");

    const current = sendXml(forged.replaceAll('versao="3.10"', 'versao="4.00"'), beforeNfce);
    const model = await expectRefusedWithoutChange(
      world,
      current.order.id,
      current.send,
      "BAD_REQUEST",
      "NFE_KEY_MISMATCH",
    );
    expect(model.message).toContain("o modelo é 55 na chave e 65 no campo ide/mod");
  });
});
