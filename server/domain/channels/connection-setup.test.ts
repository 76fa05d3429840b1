import { describe, expect, it } from "vitest";
import { CHANNEL_IDS, CHANNEL_LABELS } from "./channels";
import { connectionSetup } from "./connection-setup";
import { CHANNEL_RULES } from "./rules";

describe("connectionSetup", () => {
  it("says plainly that Zoom has no direct integration yet", () => {
    expect(connectionSetup("zoom")).toEqual({
      label: "Integração direta com a Zoom ainda não disponível: pedidos pelo sandbox do Fluxo",
      setup: "none",
    });
  });

  it("names the channel in the label of every channel still on the sandbox protocol, and offers no form there", () => {
    for (const channel of CHANNEL_IDS.filter((c) => CHANNEL_RULES[c].protocol === "sandbox")) {
      const { label, setup } = connectionSetup(channel);
      expect(label).toContain(CHANNEL_LABELS[channel]);
      expect(label).not.toContain("{");
      expect(setup).toBe("none");
    }
  });
});
