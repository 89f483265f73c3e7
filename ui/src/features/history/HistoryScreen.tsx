import { Alert, Badge, Card, Group, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { RunStatus } from "../../bindings/RunStatus";
import type { RunView } from "../../bindings/RunView";
import type { StepStatus } from "../../bindings/StepStatus";
import { wizardRuns } from "../../ipc";
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

/** Every setup run on the active tenant: what it did, and resume or undo. */

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
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">History</Title>
        <Text c="dimmed">Setups run on {active?.name ?? "…"}, newest first.</Text>
      </Stack>
      {runs.error && <Alert color="red">{runs.error.message}</Alert>}
      {runs.data?.length === 0 && (
        <Text c="dimmed" data-testid="history-empty">
          No setup has been run on this tenant yet.
        </Text>
      )}
      {runs.data?.map((r) => <RunCard key={r.id} run={r} />)}
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
          <Group gap="xs">
            <Badge color={s.color} variant="light">
              {s.label}
            </Badge>
            <Text size="sm" c="dimmed">
              {localTime(run.created_at)}
            </Text>
          </Group>
          <Text fw={600} truncate>
            {app} → {run.api_identifier ?? (run.spec.api.mode === "new" ? run.spec.api.identifier : run.spec.api.identifier)}
          </Text>
          {run.steps.map((st) => (
            <Text key={st.idx} size="xs" c={st.status === "failed" ? "red" : "dimmed"}>
              <span aria-hidden>{STEP_GLYPH[st.status]}</span> <VisuallyHidden>{STEP_WORD[st.status]}: </VisuallyHidden>
              {st.title}
              {st.error ? ` — ${st.error}` : ""}
            </Text>
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
