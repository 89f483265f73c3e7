// A plan's operations and a run's steps as tables: the one view of them for a setup, a
// doctor's fix and a promotion (test ids `wizard-plan-*`, `wizard-run-step-*`).
import { Table, Text } from "@mantine/core";
import type { Plan } from "../../bindings/Plan";
import type { RunView } from "../../bindings/RunView";
import { CopyValue } from "../../components/CopyValue";
import { EffectIcon, StatusBadge } from "./status";

/** The plan as rows: what will be created, changed or reused, with its key fields. */
export function PlanTable({ plan }: { plan: Plan }) {
  return (
    <Table verticalSpacing="xs" data-testid="wizard-plan">
      <Table.Tbody>
        {plan.steps.map((s, i) => {
          return (
            <Table.Tr key={i} data-testid={`wizard-plan-${s.kind}`}>
              <Table.Td w={36}>
                <EffectIcon effect={s.effect} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {s.title}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {s.detail}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** The run's steps as live statuses; failures with their reason. */
export function RunSteps({ run }: { run: RunView }) {
  return (
    <Table verticalSpacing="xs" data-testid="wizard-run">
      <Table.Tbody>
        {run.steps.map((s) => (
          <Table.Tr key={s.idx} data-testid={`wizard-run-step-${s.idx}`} data-status={s.status}>
            <Table.Td w={110}>
              <StatusBadge status={s.status} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {s.title}
              </Text>
              {s.error && (
                <Text size="xs" c="red">
                  {s.error}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{s.object_id && <CopyValue value={s.object_id} what="id" />}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
