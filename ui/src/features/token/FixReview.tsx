import { Alert, Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Fix } from "../../bindings/Fix";
import { CommandError, applyTokenFix, planTokenFix } from "../../ipc";
import { ConfirmTenant } from "../change/ConfirmTenant";
import { PlanTable } from "../change/StepTables";

function describe(fix: Fix): string {
  switch (fix.kind) {
    case "authorize":
      return `Create a client grant: application ${fix.client_id} → API ${fix.audience}, scopes ${fix.scopes.join(", ") || "none"}.`;
    case "add_to_grant":
      return `Add ${fix.scopes.join(", ")} to client grant ${fix.grant_id}.`;
    case "enable_client_credentials":
      return `Add the client_credentials grant type to application ${fix.client_id}.`;
    case "use_audience":
      return `Ask for ${fix.candidates[0]} instead.`;
  }
}

/**
 * A doctor's fix is a change like any other: planned by Rust against the tenant, shown
 * operation by operation, confirmed (typed tenant name on production), then applied.
 */
export function FixReview({
  fix,
  label,
  tenant,
  onClose,
  onApplied,
}: {
  fix?: Fix;
  label: string;
  tenant: string;
  onClose: () => void;
  onApplied: () => void;
}) {
  const [confirm, setConfirm] = useState("");
  const plan = useQuery({ queryKey: ["fix-plan", fix], queryFn: () => planTokenFix(fix!), enabled: !!fix, staleTime: 0, gcTime: 0 });
  const apply = useMutation({
    mutationFn: () => applyTokenFix(fix!, plan.data!, confirm || null, () => {}),
    onSuccess: (run) => {
      if (run.status === "done") onApplied();
    },
  });
  const confirmError =
    apply.error instanceof CommandError && apply.error.error.field === "confirm_tenant" ? apply.error.message : undefined;
  return (
    <Modal opened={!!fix} onClose={onClose} title={label}>
      {fix && (
        <Stack>
          <Text size="sm">This changes the tenant {tenant}:</Text>
          <Text size="sm" fw={500} data-testid="token-fix-summary">
            {describe(fix)}
          </Text>
          {plan.isFetching && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">Reading the tenant to plan the fix…</Text>
            </Group>
          )}
          {plan.error && <Alert color="red">{plan.error.message}</Alert>}
          {plan.data && (
            <>
              <PlanTable plan={plan.data} />
              <Text size="sm" fw={600}>
                {plan.data.summary}
              </Text>
              {plan.data.blockers.map((b) => (
                <Alert key={b} color="red">
                  {b}
                </Alert>
              ))}
              {plan.data.confirm_tenant && plan.data.can_apply && (
                <ConfirmTenant name={plan.data.confirm_tenant} value={confirm} onChange={setConfirm} error={confirmError} />
              )}
            </>
          )}
          {apply.error && !confirmError && <Alert color="red">{apply.error.message}</Alert>}
          {apply.data?.status === "failed" && (
            <Alert color="red">
              {apply.data.steps.find((s) => s.status === "failed")?.error ?? "A step failed."} It can be resumed from History.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              onClick={() => apply.mutate()}
              loading={apply.isPending}
              disabled={!plan.data?.can_apply}
              data-testid="token-fix-confirm"
            >
              {label}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
