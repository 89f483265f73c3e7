import { Alert, Button, Card, Group, Loader, Stack, Table, Text, ThemeIcon } from "@mantine/core";
import { IconCheck, IconKey } from "@tabler/icons-react";
import { useNavigation } from "../../app/navigation";
import type { Plan } from "../../bindings/Plan";
import type { RunView } from "../../bindings/RunView";
import { apiLink, applicationLink } from "./dashboard";
import { ConfirmTenant } from "../change/ConfirmTenant";
import { ExportButton } from "../carry/ExportDialog";
import { PromoteButton } from "../carry/PromoteDialog";
import { UndoButton } from "../change/RunActions";
import { PlanTable } from "../change/StepTables";
import { CopyValue } from "../../components/CopyValue";

export function ReviewStep({
  plan,
  loading,
  error,
  confirm,
  confirmError,
  onConfirm,
  onUseExisting,
}: {
  plan?: Plan;
  loading: boolean;
  error?: string;
  confirm: string;
  /** Core's answer when what was typed does not confirm this tenant. */
  confirmError?: string;
  onConfirm: (v: string) => void;
  onUseExisting: (identifier: string) => void;
}) {
  if (loading) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text>Reading the tenant to plan the changes…</Text>
      </Group>
    );
  }
  if (error)
    return (
      <Alert color="red" title="Could not plan" data-testid="wizard-plan-error">
        {error}
      </Alert>
    );
  if (!plan) return null;
  return (
    <Stack gap="md">
      <PlanTable plan={plan} />
      <Text fw={600} data-testid="wizard-summary">
        {plan.summary}
      </Text>
      {plan.blockers.map((b) => (
        <Alert key={b} color="red" title="Cannot run yet" data-testid="wizard-blocker">
          {b} Grant it in Auth0 Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications, then review again.
        </Alert>
      ))}
      {plan.conflicts.map((c) => (
        <Alert key={c.field} color="yellow" title="Already exists" data-testid="wizard-conflict">
          <Stack gap="xs">
            <Text size="sm">{c.message}</Text>
            <Group>
              <Button size="xs" onClick={() => onUseExisting(c.existing)} data-testid="wizard-use-existing-api">
                Use the existing API
              </Button>
            </Group>
          </Stack>
        </Alert>
      ))}
      {plan.confirm_tenant && plan.can_apply && (
        <ConfirmTenant
          name={plan.confirm_tenant}
          value={confirm}
          onChange={onConfirm}
          error={confirmError}
          data-testid="wizard-confirm-tenant"
        />
      )}
    </Stack>
  );
}

/** What a finished run made: ids to copy, and where to go next. */
export function RunResult({
  run,
  onUpdate,
  onDone,
  domain,
}: {
  run: RunView;
  onUpdate: (r: RunView) => void;
  onDone: (r?: RunView) => void;
  domain: string;
}) {
  const { go } = useNavigation();
  const rows: [string, string | undefined][] = [
    ["Application (client ID)", run.client_id],
    ["API identifier (audience)", run.api_identifier],
    ["API id", run.api_id],
    ["Client grant id", run.grant_id],
    ["Application in the Dashboard", run.client_id && applicationLink(domain, run.client_id)],
    ["API in the Dashboard", run.api_id && apiLink(domain, run.api_id)],
  ];
  return (
    <Card withBorder padding="lg" data-testid="wizard-result">
      <Stack gap="sm">
        <Group gap="xs">
          <ThemeIcon color="green" variant="light" radius="xl">
            <IconCheck size={16} />
          </ThemeIcon>
          <Text fw={700}>Machine-to-machine access is set up</Text>
        </Group>
        <Table variant="vertical" withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {rows.map(([label, value]) =>
              value ? (
                <Table.Tr key={label}>
                  <Table.Th w={200}>{label}</Table.Th>
                  <Table.Td>
                    <CopyValue value={value} what={label} />
                  </Table.Td>
                </Table.Tr>
              ) : null,
            )}
          </Table.Tbody>
        </Table>
        <Group>
          {run.client_id && run.api_identifier && (
            <Button
              leftSection={<IconKey size={16} />}
              onClick={() => go({ kind: "area", area: "token", prefill: { clientId: run.client_id!, audience: run.api_identifier! } })}
              data-testid="token-get"
            >
              Get a test token
            </Button>
          )}
          {run.client_id && run.api_identifier && (
            <>
              <ExportButton clientId={run.client_id} audience={run.api_identifier} data-testid="run-export" />
              <PromoteButton clientId={run.client_id} audience={run.api_identifier} />
            </>
          )}
          <UndoButton
            run={run}
            onUpdate={onUpdate}
            onDone={onDone}
            label="Undo this setup…"
            variant="default"
            color="red"
            data-testid="wizard-undo"
          />
        </Group>
      </Stack>
    </Card>
  );
}
