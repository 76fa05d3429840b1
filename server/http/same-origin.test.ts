import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

const h = (init: Record<string, string>) => new Headers(init);

describe("isSameOriginRequest", () => {
  it("lets reads through", () => {
    expect(isSameOriginRequest("GET", h({ origin: "https://evil.example", host: "localhost:3000" }))).toBe(true);
  });
  it("accepts a POST from the same origin", () => {
    expect(isSameOriginRequest("POST", h({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(true);
    expect(isSameOriginRequest("POST", h({ "sec-fetch-site": "same-origin", host: "localhost:3000" }))).toBe(true);
  });
  it("refuses a POST from elsewhere or with no origin at all", () => {
    expect(isSameOriginRequest("POST", h({ origin: "https://evil.example", host: "localhost:3000" }))).toBe(false);
    expect(
      isSameOriginRequest(
        "POST",
        h({ "sec-fetch-site": "cross-site", origin: "http://localhost:3000", host: "localhost:3000" }),
      ),
    ).toBe(false);
    expect(isSameOriginRequest("POST", h({ origin: "null", host: "localhost:3000" }))).toBe(false);
    expect(isSameOriginRequest("DELETE", h({ host: "localhost:3000" }))).toBe(false);
  });
});
