import { TextInput } from "@mantine/core";

/**
 * The typed confirmation a production change needs. Whether it is needed, and which name,
 * comes from Rust (`confirm_tenant` on a plan or run review); core checks what is typed.
 */
export function ConfirmTenant({
  name,
  value,
  onChange,
  error,
  ...rest
}: {
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  /** `change-confirm-tenant` unless the screen names it (the wizard keeps its own id). */
  "data-testid"?: string;
}) {
  return (
    <TextInput
      data-testid="change-confirm-tenant"
      {...rest}
      label={`Type ${name} to confirm`}
      description="This is a production tenant: these changes affect live systems. Grantsmith then asks once more in a system dialog."
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      autoComplete="off"
    />
  );
}
