import type { ErrorKind } from "../bindings/ErrorKind";
import type { IpcError } from "../bindings/IpcError";

// Every kind Rust can send, checked by the compiler: a kind added in Rust and missing here
// (or one left here that Rust dropped) fails `tsc`.
const KNOWN: Record<ErrorKind, true> = {
  validation: true,
  not_found: true,
  conflict: true,
  unauthorized: true,
  missing_scope: true,
  access_denied: true,
  rate_limited: true,
  network: true,
  server: true,
  storage: true,
  keychain_unavailable: true,
  cancelled: true,
  internal: true,
};
const KINDS = Object.keys(KNOWN) as ErrorKind[];

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === "string" && KINDS.includes(v.kind as ErrorKind);
}

/** Whatever a command rejected with, as an IpcError (Tauri itself rejects with strings). */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return value;
  const message = typeof value === "string" ? value : value instanceof Error ? value.message : "Unexpected error";
  return { kind: "internal", message };
}

export class CommandError extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(error.message);
    this.name = "CommandError";
    this.error = error;
  }
}
