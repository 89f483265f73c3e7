import { describe, expect, it } from "vitest";
import { isIpcError, toIpcError } from "./errors";

describe("toIpcError", () => {
  it("keeps a structured error from Rust as it is, field and rule code included", () => {
    const e = { kind: "validation", message: "Domain is empty", field: "domain", code: "required" };
    expect(toIpcError(e)).toEqual(e);
  });

  it("turns Tauri's plain string rejections into internal errors", () => {
    expect(toIpcError("command app_info not allowed")).toEqual({
      kind: "internal",
      message: "command app_info not allowed",
    });
  });

  it("keeps Auth0's words for access_denied (a token refused), not 'Unexpected error'", () => {
    const e = { kind: "access_denied", message: "Client has not been granted scopes: write:orders" };
    expect(toIpcError(e)).toEqual(e);
  });

  it("does not accept an unknown kind as structured", () => {
    expect(isIpcError({ kind: "teapot", message: "x" })).toBe(false);
    expect(toIpcError({ kind: "teapot", message: "x" }).kind).toBe("internal");
  });
});
