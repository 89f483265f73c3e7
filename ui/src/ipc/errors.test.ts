import { describe, expect, it } from "vitest";
import { isIpcError, toIpcError } from "./errors";

describe("toIpcError", () => {
  it("keeps a structured error from Rust as it is, field included", () => {
    const e = { kind: "validation", message: "Domain is empty", field: "domain" };
    expect(toIpcError(e)).toEqual(e);
  });

  it("turns Tauri's plain string rejections into internal errors", () => {
    expect(toIpcError("command app_info not allowed")).toEqual({
      kind: "internal",
      message: "command app_info not allowed",
    });
  });

  it("does not accept an unknown kind as structured", () => {
    expect(isIpcError({ kind: "teapot", message: "x" })).toBe(false);
    expect(toIpcError({ kind: "teapot", message: "x" }).kind).toBe("internal");
  });
});
