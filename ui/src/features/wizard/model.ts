import type { FieldIssue } from "../../bindings/FieldIssue";

export const STEPS = ["Application", "API", "Scopes", "Authorize", "Review"] as const;

/** Which spec fields each step owns (to show and block on its own issues only). */
export function stepOf(field: string): number {
  if (field.startsWith("app.")) return 0;
  if (field.startsWith("api.")) return 1;
  if (field.startsWith("scopes")) return 2;
  if (field === "grant_scopes") return 3;
  return 4;
}

export function issueFor(issues: FieldIssue[] | undefined, field: string): string | undefined {
  return issues?.find((i) => i.field === field)?.message;
}

/** "1 hour", "1 day", "2 days 3 hours" for a number of seconds. */
export function humanSeconds(s: number): string {
  if (!Number.isFinite(s) || s <= 0) return "";
  const units: [number, string][] = [
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  const parts: string[] = [];
  let rest = Math.floor(s);
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) {
      parts.push(`${n} ${name}${n === 1 ? "" : "s"}`);
      rest -= n * size;
    }
  }
  return parts.join(" ");
}
