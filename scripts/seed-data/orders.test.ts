import { describe, expect, it } from "vitest";
import { searchableText } from "../../server/domain/format";
import { FIRST_NAMES, SURNAMES } from "./catalog";
import { randomCustomer } from "./orders";
import { createRandom } from "./random";

describe("seed customers", () => {
  it("put the search name together from its parts exactly as searchableText gives it for the whole name", () => {
    const random = createRandom(3);
    for (let i = 0; i < 20_000; i++) {
      const customer = randomCustomer(random);
      expect(customer.nameSearch).toBe(searchableText(customer.name));
    }
    for (const first of FIRST_NAMES) {
      for (const surname of SURNAMES)
        expect(searchableText(`${first} ${surname}`)).toBe(`${searchableText(first)} ${searchableText(surname)}`);
    }
  });
});
