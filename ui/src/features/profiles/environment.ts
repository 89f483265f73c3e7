import type { Environment } from "../../bindings/Environment";

export const ENVIRONMENTS: { value: Environment; label: string; color: string }[] = [
  { value: "development", label: "Development", color: "teal" },
  { value: "staging", label: "Staging", color: "yellow" },
  { value: "production", label: "Production", color: "red" },
];

export function envColor(env: Environment): string {
  return ENVIRONMENTS.find((e) => e.value === env)?.color ?? "gray";
}

export function envLabel(env: Environment): string {
  return ENVIRONMENTS.find((e) => e.value === env)?.label ?? env;
}
