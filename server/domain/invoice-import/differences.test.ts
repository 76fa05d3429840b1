import { describe, expect, it } from "vitest";
import { confirmationFor, rowDifference } from "./differences";
import type { ImportedNfeSummary } from "./kinds";

const nfe: ImportedNfeSummary = {
  accessKey: "",
  series: 1,
  number: 7,
  totalCents: 1_234,
  issuedAt: null,
  recipientDocument: "52998224725",
  recipientName: null,
  purchaseOrders: [],
  additionalInfo: null,
};
const order = { id: 3, customerDocument: "52998224725", totalCents: 13_870 };

describe("rowDifference", () => {
  it("is null when the note repeats its order's buyer and total", () => {
    expect(rowDifference({ nfe, confirmedDifference: null }, { ...order, totalCents: 1_234 })).toBeNull();
  });

  it("puts both values side by side, a missing recipient included", () => {
    const difference = rowDifference({ nfe: { ...nfe, recipientDocument: null }, confirmedDifference: null }, order);
    expect(difference).toEqual({
      confirmed: false,
      items: [
        { field: "recipient", label: "Destinatário (CPF/CNPJ)", order: "529.982.247-25", note: "não informado" },
        { field: "total", label: "Valor total", order: "R$ 138,70", note: "R$ 12,34" },
      ],
    });
  });

  it("holds a confirmation only while the order keeps the values the seller saw", () => {
    const confirmedDifference = confirmationFor(order);
    expect(rowDifference({ nfe, confirmedDifference }, order)?.confirmed).toBe(true);
    expect(rowDifference({ nfe, confirmedDifference }, { ...order, totalCents: 13_990 })?.confirmed).toBe(false);
    expect(rowDifference({ nfe, confirmedDifference }, { ...order, id: 4 })?.confirmed).toBe(false);
  });
});
