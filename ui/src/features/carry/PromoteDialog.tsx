// Promote a setup from the active tenant to another profile's: pick the target, map what
// differs per tenant (API identifier, names), see the side-by-side comparison Rust made
// against what the target has, review the plan there, apply it, see the result. Rust finds,
// compares, plans and applies; nothing is decided here.
import { Alert, Badge, Button, Group, Modal, NativeSelect, Progress, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconArrowsExchange } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { DiffState } from "../../bindings/DiffState";
import type { IndexProgress } from "../../bindings/IndexProgress";
import type { Plan } from "../../bindings/Plan";
import type { PromoteMapping } from "../../bindings/PromoteMapping";
import type { PromotePreview } from "../../bindings/PromotePreview";
import type { RunView } from "../../bindings/RunView";
import { CopyValue } from "../../components/CopyValue";
import { CommandError, promoteApply, promotePreview } from "../../ipc";
import { ConfirmTenant } from "../change/ConfirmTenant";
import { TENANT_KEY, useProfiles, useSwitchProfile } from "../profiles/useProfiles";
import { PlanTable, RunSteps } from "../change/StepTables";
import type { SetupDialogProps } from "./SetupDialogProps";

const STATE: Record<DiffState, { color: string; label: string }> = {
  same: { color: "gray", label: "same" },
  added: { color: "green", label: "created" },
  changed: { color: "blue", label: "changed" },
  kept: { color: "yellow", label: "target keeps its own" },
};

const FIELDS: { field: keyof PromoteMapping; label: string; hint: string }[] = [
  {
    field: "identifier",
    label: "API identifier on the target",
    hint: "e.g. https://api.example.com instead of https://api.dev.example.com",
  },
  { field: "app_name", label: "Application name on the target", hint: "An application of this name there is reused." },
  { field: "api_name", label: "API name on the target", hint: "Used when the target has no API with this identifier." },
];

function Comparison({ preview }: { preview: PromotePreview }) {
  return (
    <Table withTableBorder verticalSpacing={6} data-testid="promote-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>{preview.source_profile}</Table.Th>
          <Table.Th>{preview.target_profile} now</Table.Th>
          <Table.Th>After promotion</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.rows.map((r) => (
          <Table.Tr key={r.label} data-testid="promote-diff-row" data-state={r.state}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{r.source}</Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }} c={r.target ? undefined : "dimmed"}>
              {r.target ?? "—"}
            </Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              <Stack gap={2}>
                <Text size="sm">{r.result}</Text>
                <Badge size="xs" variant="light" color={STATE[r.state].color}>
                  {STATE[r.state].label}
                </Badge>
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Result({ run, target, onClose }: { run: RunView; target: { id: string; name: string }; onClose: () => void }) {
  const switchTo = useSwitchProfile();
  const done = run.status === "done";
  return (
    <Stack gap="sm" data-testid="promote-result" data-status={run.status}>
      <RunSteps run={run} />
      {done ? (
        <Alert color="green" title={`Promoted to ${target.name}`}>
          <Stack gap={4}>
            <Text size="sm">
              The application there has its own client secret — never a copy of this one. Reveal it on its page on {target.name}.
            </Text>
            {run.client_id && <CopyValue value={run.client_id} what={`client ID on ${target.name}`} testId="promote-client-id" />}
          </Stack>
        </Alert>
      ) : (
        run.status === "failed" && (
          <Alert color="red" title="A step failed">
            Nothing is left half-made: resume the run from History on {target.name}.
          </Alert>
        )
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
        {done && (
          <Button
            onClick={() => switchTo.mutate(target.id, { onSuccess: onClose })}
            loading={switchTo.isPending}
            data-testid="promote-switch"
          >
            Switch to {target.name}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function PromoteBody({ clientId, audience, onClose }: { clientId: string; audience: string; onClose: () => void }) {
  const { data: profiles, active } = useProfiles();
  const client = useQueryClient();
  const targets = (profiles?.profiles ?? []).filter((p) => p.id !== active?.id);
  const [target, setTarget] = useState("");
  const [mapping, setMapping] = useState<PromoteMapping>();
  const [asked] = useDebouncedValue(mapping, 300);
  const ask = { client_id: clientId, audience, target, mapping: asked };
  // How far the target's applications are read, for the comparison being asked.
  const [listed, setListed] = useState<IndexProgress>();
  const preview = useQuery({
    queryKey: ["promote", clientId, audience, ask],
    queryFn: () => (setListed(undefined), promotePreview(ask, setListed)),
    enabled: !!target,
    placeholderData: keepPreviousData,
    gcTime: 0,
  });
  // The form starts from the source's own values, as Rust filled them in, until edited.
  const shown = mapping ?? preview.data?.mapping;
  const [reviewed, setReviewed] = useState<Plan>();
  const [confirm, setConfirm] = useState("");
  const [progress, setProgress] = useState<RunView>();
  const apply = useMutation({
    mutationFn: (plan: Plan) => promoteApply(ask, plan, plan.confirm_tenant ? confirm : null, setProgress),
    onSettled: () => void client.invalidateQueries({ queryKey: TENANT_KEY }),
  });
  const failure = apply.error instanceof CommandError ? apply.error.error : undefined;
  const targetProfile = targets.find((p) => p.id === target);

  const run = apply.data ?? progress;
  if (run && targetProfile) return <Result run={run} target={targetProfile} onClose={onClose} />;

  if (reviewed) {
    return (
      <Stack gap="sm">
        <Text size="sm">
          On <b>{targetProfile?.name}</b>: {reviewed.summary}
        </Text>
        <PlanTable plan={reviewed} />
        {reviewed.confirm_tenant && (
          <ConfirmTenant
            name={reviewed.confirm_tenant}
            value={confirm}
            onChange={setConfirm}
            error={failure?.field === "confirm_tenant" ? failure.message : undefined}
          />
        )}
        {apply.error && failure?.field !== "confirm_tenant" && <Alert color="red">{apply.error.message}</Alert>}
        {apply.isPending && (
          // Before its first step the run reads the target again (all its applications).
          <Text size="sm" c="dimmed" role="status" data-testid="promote-checking">
            Checking {targetProfile?.name} again before anything is written: nothing made there since the review is duplicated or
            overwritten…
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setReviewed(undefined)}>
            Back
          </Button>
          <Button
            onClick={() => apply.mutate(reviewed)}
            loading={apply.isPending}
            disabled={!reviewed.can_apply}
            data-testid="promote-apply"
          >
            Promote to {targetProfile?.name}
          </Button>
        </Group>
      </Stack>
    );
  }

  const issue = (field: string) => preview.data?.issues.find((i) => i.field === field)?.message;
  const targetError = preview.error instanceof CommandError && preview.error.error.field === "target" ? preview.error.message : undefined;
  return (
    <Stack gap="sm">
      <NativeSelect
        label="Promote to"
        data={[
          { value: "", label: targets.length ? "Choose a tenant…" : "No other tenant profile" },
          ...targets.map((p) => ({ value: p.id, label: `${p.name} (${p.environment})` })),
        ]}
        value={target}
        onChange={(e) => setTarget(e.currentTarget.value)}
        error={targetError}
        data-testid="promote-target"
      />
      {target && shown && (
        <Stack gap="xs">
          {FIELDS.map((f) => (
            <TextInput
              key={f.field}
              label={f.label}
              description={f.hint}
              value={shown[f.field]}
              onChange={(e) => setMapping({ ...shown, [f.field]: e.currentTarget.value })}
              error={issue(f.field)}
              data-testid={`promote-map-${f.field}`}
            />
          ))}
        </Stack>
      )}
      {/* Not for an edit of the mapping: that comparison reuses the target's listing and is quick. */}
      {target && preview.isFetching && preview.data?.target_profile !== targetProfile?.name && (
        <Stack gap={4} role="status" data-testid="promote-comparing">
          <Text size="sm">
            Comparing with {targetProfile?.name}:{" "}
            {listed?.total ? `read ${listed.done} of ${listed.total} applications…` : "reading its applications and API…"}
          </Text>
          <Progress value={listed?.total ? (100 * listed.done) / listed.total : 0} animated aria-label={`Reading ${targetProfile?.name}`} />
        </Stack>
      )}
      {preview.error && !targetError && (
        <Alert color="red" title="Cannot compare">
          {preview.error.message}
        </Alert>
      )}
      {preview.data && target && <Comparison preview={preview.data} />}
      {preview.data?.plan?.blockers.map((b) => (
        <Alert key={b} color="red" title="Cannot promote yet">
          {b}
        </Alert>
      ))}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          onClick={() => preview.data?.plan && setReviewed(preview.data.plan)}
          disabled={!preview.data?.plan || preview.isFetching || asked !== mapping}
          data-testid="promote-review"
        >
          Review the plan
        </Button>
      </Group>
    </Stack>
  );
}

export function PromoteDialog({ clientId, audience, opened, onClose }: SetupDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Promote to another tenant" size="xl">
      {opened && <PromoteBody clientId={clientId} audience={audience} onClose={onClose} />}
    </Modal>
  );
}

/** "Promote…" and its dialog. */
export function PromoteButton({ clientId, audience }: { clientId: string; audience: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconArrowsExchange size={16} />} onClick={() => setOpened(true)} data-testid="run-promote">
        Promote…
      </Button>
      <PromoteDialog clientId={clientId} audience={audience} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
