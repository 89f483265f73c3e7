import { Alert, Badge, Card, Group, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { JournalFilter } from "../../bindings/JournalFilter";
import type { ObjectRef } from "../../bindings/ObjectRef";
import { ExportButton } from "../carry/ExportDialog";
import { JournalFilters } from "./JournalFilters";
import { ObjectLinks } from "./ObjectLinks";
import type { RunStatus } from "../../bindings/RunStatus";
import type { RunView } from "../../bindings/RunView";
import type { StepStatus } from "../../bindings/StepStatus";
import { journal } from "../../ipc";
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
 * undo) and day-two change sets, filtered, linked to their objects, exportable. */
export function HistoryScreen() {
  const key = useTenantKey();
  const { active } = useProfiles();
  const [filter, setFilter] = useState<JournalFilter>({});
  const [object] = useDebouncedValue(filter.object ?? "", 250);
  const asked: JournalFilter = { ...filter, object: object || undefined };
  // A run another executor holds is looked at again until it is free (or finished).
  const entries = useQuery({
    queryKey: key("journal", asked),
    queryFn: () => journal(asked),
    enabled: !!active,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.some((e) => e.detail.source === "run" && e.detail.run.held) ? 2000 : false),
  });
  const filtered = Object.values(filter).some((v) => v !== undefined && v !== "");
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          History
        </Title>
        <Text c="dimmed">Setups and changes Grantsmith made on {active?.name ?? "…"}, newest first, with who made them.</Text>
      </Stack>
      <JournalFilters filter={filter} onChange={setFilter} />
      {entries.error && <Alert color="red">{entries.error.message}</Alert>}
      {entries.data && entries.data.length === 0 && (
        <Text c="dimmed" data-testid="history-empty">
          {filtered ? "No entry matches these filters." : "Grantsmith has not changed this tenant yet."}
        </Text>
      )}
      {entries.data && entries.data.length > 0 && (
        <Stack gap="sm" data-testid="journal-list" aria-label="Journal entries" role="list">
          {entries.data.map((e) => (
            <div key={e.id} role="listitem" data-testid="journal-entry" data-kind={e.kind} data-outcome={e.outcome}>
              {e.detail.source === "run" ? (
                <RunCard run={e.detail.run} title={e.title} objects={e.objects} />
              ) : (
                <ChangeCard change={e.detail.change} objects={e.objects} />
              )}
            </div>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function RunCard({ run, title, objects }: { run: RunView; title: string; objects: ObjectRef[] }) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: TENANT_KEY });
  const s = STATUS[run.status];
  return (
    <Card withBorder padding="md" data-testid="history-run">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <EntryHeader status={s} when={localTime(run.created_at)} who={run.os_user} />
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {title}
          </Text>
          <ObjectLinks objects={objects} />
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
            {run.status === "done" && run.client_id && run.api_identifier && (
              <ExportButton clientId={run.client_id} audience={run.api_identifier} size="xs" data-testid="history-export" />
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
function ChangeCard({ change, objects }: { change: ChangeView; objects: ObjectRef[] }) {
  const s = CHANGE_STATUS[change.status];
  return (
    <Card withBorder padding="md" data-testid="history-change" data-kind={change.kind}>
      <Stack gap={2} miw={0}>
        <EntryHeader status={s} when={localTime(change.created_at)} who={change.os_user} />
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {change.title}
        </Text>
        <ObjectLinks objects={objects} />
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

function EntryHeader({ status, when, who }: { status: { color: string; label: string }; when: string; who: string }) {
  return (
    <Group gap="xs">
      <Badge color={status.color} variant="light">
        {status.label}
      </Badge>
      <Text size="sm" c="dimmed">
        {when}
        {who ? ` · by ${who}` : ""}
      </Text>
    </Group>
  );
}
