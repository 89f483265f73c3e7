import { describe, expect, it } from "vitest";
import { humanSeconds, stepOf } from "./model";

describe("wizard model", () => {
  it("maps fields to the step that owns them", () => {
    expect(stepOf("app.name")).toBe(0);
    expect(stepOf("api.identifier")).toBe(1);
    expect(stepOf("scopes[3].value")).toBe(2);
    expect(stepOf("grant_scopes")).toBe(3);
  });

  it("says token lifetimes in words", () => {
    expect(humanSeconds(86400)).toBe("1 day");
    expect(humanSeconds(3600 * 26)).toBe("1 day 2 hours");
    expect(humanSeconds(90)).toBe("1 minute 30 seconds");
    expect(humanSeconds(0)).toBe("");
  });
});
