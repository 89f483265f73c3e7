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
  testId = "change-confirm-tenant",
}: {
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  testId?: string;
}) {
  return (
    <TextInput
      label={`Type ${name} to confirm`}
      description="This is a production tenant: these changes affect live systems."
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data-testid={testId}
      autoComplete="off"
    />
  );
}
