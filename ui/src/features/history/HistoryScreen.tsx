import { Alert, Badge, Card, Group, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { RunStatus } from "../../bindings/RunStatus";
import type { RunView } from "../../bindings/RunView";
import type { StepStatus } from "../../bindings/StepStatus";
import { changeHistory, wizardRuns } from "../../ipc";
import type { ChangeView } from "../../bindings/ChangeView";
import type { ChangeStatus } from "../../bindings/ChangeStatus";
import { HeldBadge, ResumeButton, UndoButton } from "../change/RunActions";
import { TENANT_KEY, useProfiles, useTenantKey } from "../profiles/useProfiles";
import { localTime } from "../../components/clock";

const STATUS: Record<RunStatus, { color: string; label: string }> = {
  running: { color: "yellow", label: "interrupted" },
  done: { color: "green", label: "done" },
  failed: { color: "red", label: "failed" },
  undone: { color: "gray", label: "undone" },
};

/** A step's status at a glance, and in words for screen readers. */
const STEP_GLYPH: Record<StepStatus, string> = { waiting: "·", running: "…", done: "✓", failed: "✗", undone: "↺" };
const STEP_WORD: Record<StepStatus, string> = { waiting: "Not run", running: "Running", done: "Done", failed: "Failed", undone: "Undone" };

/** Every change Grantsmith made on the active tenant, newest first: setup runs (resume,
 * undo) and day-two change sets (what each step did). */
export function HistoryScreen() {
  const key = useTenantKey();
  const { active } = useProfiles();
  // A run another executor holds is looked at again until it is free (or finished).
  const runs = useQuery({
    queryKey: key("runs"),
    queryFn: wizardRuns,
    enabled: !!active,
    refetchInterval: (q) => (q.state.data?.some((r) => r.held) ? 2000 : false),
  });
  const changes = useQuery({ queryKey: key("changes"), queryFn: changeHistory, enabled: !!active });
  const entries = [
    ...(runs.data ?? []).map((r) => ({ at: r.created_at, key: r.id, card: <RunCard key={r.id} run={r} /> })),
    ...(changes.data ?? []).map((c) => ({ at: c.created_at, key: c.id, card: <ChangeCard key={c.id} change={c} /> })),
  ].sort((a, b) => b.at - a.at);
  const loaded = runs.data && changes.data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">History</Title>
        <Text c="dimmed">Setups and changes Grantsmith made on {active?.name ?? "…"}, newest first.</Text>
      </Stack>
      {(runs.error ?? changes.error) && <Alert color="red">{(runs.error ?? changes.error)!.message}</Alert>}
      {loaded && entries.length === 0 && (
        <Text c="dimmed" data-testid="history-empty">
          Grantsmith has not changed this tenant yet.
        </Text>
      )}
      {entries.map((e) => e.card)}
    </Stack>
  );
}

function RunCard({ run }: { run: RunView }) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: TENANT_KEY });
  const s = STATUS[run.status];
  const app = run.spec.app.mode === "new" ? run.spec.app.name : run.client_id;
  return (
    <Card withBorder padding="md" data-testid="history-run">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <EntryHeader status={s} when={localTime(run.created_at)} />
          <Text fw={600} truncate>
            {app} → {run.api_identifier ?? (run.spec.api.mode === "new" ? run.spec.api.identifier : run.spec.api.identifier)}
          </Text>
          {run.steps.map((st) => (
            <StepLine key={st.idx} status={st.status} title={st.title} error={st.error} />
          ))}
        </Stack>
        {run.held ? (
          <HeldBadge />
        ) : (
          <Group gap="xs" wrap="nowrap">
            {(run.status === "failed" || run.status === "running") && (
              <ResumeButton run={run} onUpdate={() => {}} onDone={refresh} size="xs" />
            )}
            {run.status !== "undone" && run.steps.some((x) => x.created && x.status === "done") && (
              <UndoButton run={run} onUpdate={() => {}} onDone={refresh} label="Undo…" size="xs" variant="default" color="red" />
            )}
          </Group>
        )}
      </Group>
    </Card>
  );
}

const CHANGE_STATUS: Record<ChangeStatus, { color: string; label: string }> = {
  running: { color: "yellow", label: "interrupted" },
  done: { color: "green", label: "done" },
  failed: { color: "red", label: "failed" },
};

/** A day-two change set: who made it, and each step with its note or error. */
function ChangeCard({ change }: { change: ChangeView }) {
  const s = CHANGE_STATUS[change.status];
  return (
    <Card withBorder padding="md" data-testid="history-change" data-kind={change.kind}>
      <Stack gap={2} miw={0}>
        <EntryHeader status={s} when={`${localTime(change.created_at)} · by ${change.os_user}`} />
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {change.title}
        </Text>
        {change.steps.map((st, i) => (
          <StepLine key={i} status={st.status} title={st.note ? `${st.title} (${st.note})` : st.title} error={st.error} />
        ))}
      </Stack>
    </Card>
  );
}

/** One step: a glyph (its status in words for screen readers), its title, its error. */
function StepLine({ status, title, error }: { status: StepStatus; title: string; error?: string }) {
  return (
    <Text size="xs" c={status === "failed" ? "red" : "dimmed"} style={{ overflowWrap: "anywhere" }}>
      <span aria-hidden>{STEP_GLYPH[status]}</span> <VisuallyHidden>{STEP_WORD[status]}: </VisuallyHidden>
      {title}
      {error ? ` — ${error}` : ""}
    </Text>
  );
}

function EntryHeader({ status, when }: { status: { color: string; label: string }; when: string }) {
  return (
    <Group gap="xs">
      <Badge color={status.color} variant="light">
        {status.label}
      </Badge>
      <Text size="sm" c="dimmed">
        {when}
      </Text>
    </Group>
  );
}
