import type { ErrorKind } from "../bindings/ErrorKind";
import type { IpcError } from "../bindings/IpcError";

const KINDS: readonly ErrorKind[] = [
  "validation",
  "not_found",
  "conflict",
  "unauthorized",
  "missing_scope",
  "access_denied",
  "rate_limited",
  "network",
  "server",
  "storage",
  "keychain_unavailable",
  "internal",
];

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === "string" && KINDS.includes(v.kind as ErrorKind);
}

/** Whatever a command rejected with, as an IpcError (Tauri itself rejects with strings). */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return value;
  const message =
    typeof value === "string" ? value : value instanceof Error ? value.message : "Unexpected error";
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
