// The review of a day-two change set, in a dialog: Rust plans the staged request against
// the tenant (steps, what it takes away, what blocks it, whether to type the tenant's name),
// the user applies it, and the steps come back live, then as the result. Nothing is decided
// here: whether it may run is core's answer.
import { Alert, Button, Group, List, Loader, Modal, Stack, Table, Text, type ButtonProps, type StackProps } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactElement, type ReactNode } from "react";
import type { ChangeOutcome } from "../../bindings/ChangeOutcome";
import type { ChangePlan } from "../../bindings/ChangePlan";
import type { ChangeRequest } from "../../bindings/ChangeRequest";
import type { ChangeView } from "../../bindings/ChangeView";
import { applyChange, CommandError, planChange } from "../../ipc";
import { TENANT_KEY, useTenantKey } from "../profiles/useProfiles";
import { ConfirmTenant } from "./ConfirmTenant";
import { EffectIcon, StatusBadge } from "./status";

/** What the screen's apply button is given (it adds its words and test id). */
type ApplyProps = Pick<ButtonProps, "color" | "disabled" | "loading"> & { onClick: () => void };

interface ReviewProps {
  /** The screen's apply button, e.g. `(p) => <Button {...p} data-testid="matrix-apply">Apply</Button>`. */
  apply: (p: ApplyProps) => ReactElement;
  /** The screen's result container (its test id), given the steps and `data-status`. */
  result: (p: StackProps & { "data-status": string; children: ReactNode }) => ReactElement;
  onClose: () => void;
  /** After a change set finished (the screen clears what it staged). */
  onApplied?: (o: ChangeOutcome) => void;
  /** Added under the result (a rotated secret). */
  outcome?: (o: ChangeOutcome) => ReactNode;
}

/** The dialog for `request` (closed when null). */
export function ChangeReview({ request, title, ...props }: { request: ChangeRequest | null; title: string } & ReviewProps) {
  return (
    <Modal opened={request !== null} onClose={props.onClose} title={title} size="lg" closeButtonProps={{ "aria-label": "Close" }}>
      {request && <ReviewBody key={JSON.stringify(request)} request={request} {...props} />}
    </Modal>
  );
}

function ReviewBody({ request, apply: applyButton, result, onClose, onApplied, outcome }: { request: ChangeRequest } & ReviewProps) {
  const key = useTenantKey();
  const client = useQueryClient();
  const plan = useQuery({ queryKey: key("change-plan", request), queryFn: () => planChange(request), gcTime: 0, staleTime: 0 });
  const [confirm, setConfirm] = useState("");
  const [progress, setProgress] = useState<ChangeView>();
  const apply = useMutation({
    mutationFn: (p: ChangePlan) => applyChange(p, p.confirm_tenant ? confirm : null, setProgress),
    onSuccess: (o) => {
      onApplied?.(o);
      // Pages and lists read again; the index was updated by Rust from the results.
      void client.invalidateQueries({ queryKey: TENANT_KEY, predicate: (q) => !q.queryKey.includes("change-plan") });
    },
  });
  const failure = apply.error instanceof CommandError ? apply.error.error : undefined;
  const confirmError = failure?.field === "confirm_tenant" ? failure.message : undefined;

  if (apply.data || (apply.isPending && progress)) {
    const view = apply.data?.change ?? progress!;
    const steps = <Steps view={view} />;
    if (!apply.data) return <Stack gap="md">{steps}</Stack>;
    return result({
      gap: "md",
      "data-status": view.status,
      children: (
        <>
          {steps}
          <Alert color={view.status === "done" ? "green" : "red"} title={view.status === "done" ? "Applied" : "Stopped"}>
            {view.status === "done"
              ? "Every step is done. The change is in History."
              : "A step failed; the steps before it are done. Review again to finish what is left."}
          </Alert>
          {outcome?.(apply.data)}
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </>
      ),
    });
  }
  if (plan.isLoading) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text>Reading the tenant to plan the change…</Text>
      </Group>
    );
  }
  if (plan.error) {
    return (
      <Alert color="red" title="Could not plan this change" data-testid="change-plan-error">
        {plan.error.message}
      </Alert>
    );
  }
  const p = plan.data!;
  return (
    <Stack gap="md">
      <Text fw={600} data-testid="change-summary">
        {p.summary}
      </Text>
      {p.steps.length > 0 && (
        <Table verticalSpacing="xs" data-testid="change-plan">
          <Table.Tbody>
            {p.steps.map((s, i) => (
              <Table.Tr key={i}>
                <Table.Td w={36}>
                  <EffectIcon effect={s.effect} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                    {s.title}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                    {s.detail}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {p.affects.length > 0 && (
        <Alert color="orange" title="What this takes away" data-testid="change-affects">
          <List size="sm">
            {p.affects.map((a) => (
              <List.Item key={a}>{a}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {p.blockers.map((b) => (
        <Alert key={b} color="red" title="Cannot apply yet">
          {b}
        </Alert>
      ))}
      {p.confirm_tenant && p.can_apply && (
        <ConfirmTenant name={p.confirm_tenant} value={confirm} onChange={setConfirm} error={confirmError} />
      )}
      {failure && !confirmError && (
        <Alert color="red" title="Not applied" data-testid="change-apply-error">
          <Stack gap="xs">
            <Text size="sm">{failure.message}</Text>
            {failure.kind === "conflict" && (
              <Group>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    apply.reset();
                    void plan.refetch();
                  }}
                >
                  Review again
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        {applyButton({
          color: p.affects.length ? "red" : undefined,
          disabled: !p.can_apply,
          loading: apply.isPending,
          onClick: () => apply.mutate(p),
        })}
      </Group>
    </Stack>
  );
}

/** Each step with its status, a note ("already deleted elsewhere") or its error. */
function Steps({ view }: { view: ChangeView }) {
  return (
    <Table verticalSpacing="xs" aria-label="Steps">
      <Table.Tbody>
        {view.steps.map((s, i) => (
          <Table.Tr key={i} data-status={s.status}>
            <Table.Td w={110}>
              <StatusBadge status={s.status} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                {s.title}
              </Text>
              {s.note && (
                <Text size="xs" c="dimmed">
                  {s.note}
                </Text>
              )}
              {s.error && (
                <Text size="xs" c="red">
                  {s.error}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
