// History's filters (kind, object, outcome, dates) and the export of what they show as
// JSON lines — copied, or saved through the system's save dialog.
import { Button, Group, NativeSelect, Text, TextInput } from "@mantine/core";
import { IconCopy, IconDeviceFloppy } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import type { JournalFilter } from "../../bindings/JournalFilter";
import type { Outcome } from "../../bindings/Outcome";
import { copyText, journalExport, saveExport } from "../../ipc";

const KINDS: [string, string][] = [
  ["", "All kinds"],
  ["setup", "Setups"],
  ["promote", "Promotions"],
  ["access", "Access changes"],
  ["scopes", "Scope edits"],
  ["rotate_secret", "Secret rotations"],
  ["reveal_secret", "Secret reveals"],
  ["test_token", "Test tokens"],
  ["delete_grant", "Revoked access"],
  ["edit_application", "Application edits"],
  ["enable_client_credentials", "Client Credentials enabled"],
  ["delete_application", "Deleted applications"],
  ["reapply", "Re-applied setups"],
];

const OUTCOMES: [Outcome | "", string][] = [
  ["", "Any outcome"],
  ["done", "Done"],
  ["failed", "Failed"],
  ["running", "Interrupted"],
  ["undone", "Undone"],
];

/** A date input's `yyyy-mm-dd` as seconds at the start of that day, local time. */
function dayStart(value: string, plusDays = 0): number | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return Number.isNaN(d.getTime()) ? undefined : Math.floor(d.getTime() / 1000);
}

function dayOf(secs: number | undefined, minusDays = 0): string {
  if (secs === undefined) return "";
  const d = new Date(secs * 1000);
  d.setDate(d.getDate() - minusDays);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function JournalFilters({ filter, onChange }: { filter: JournalFilter; onChange: (f: JournalFilter) => void }) {
  const set = (patch: Partial<JournalFilter>) => onChange({ ...filter, ...patch });
  const copy = useMutation({ mutationFn: async () => copyText((await journalExport(filter)).text) });
  const save = useMutation({ mutationFn: () => saveExport({ kind: "journal", filter }) });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <NativeSelect
        label="Kind"
        data={KINDS.map(([value, label]) => ({ value, label }))}
        value={filter.kind ?? ""}
        onChange={(e) => set({ kind: e.currentTarget.value || undefined })}
        data-testid="journal-filter-kind"
      />
      <TextInput
        label="Object"
        placeholder="Application, API or id"
        value={filter.object ?? ""}
        onChange={(e) => set({ object: e.currentTarget.value || undefined })}
        data-testid="journal-filter-object"
        w={220}
      />
      <NativeSelect
        label="Outcome"
        data={OUTCOMES.map(([value, label]) => ({ value, label }))}
        value={filter.outcome ?? ""}
        onChange={(e) => set({ outcome: (e.currentTarget.value || undefined) as Outcome | undefined })}
        data-testid="journal-filter-outcome"
      />
      <TextInput
        type="date"
        label="From"
        value={dayOf(filter.from)}
        onChange={(e) => set({ from: dayStart(e.currentTarget.value) })}
        data-testid="journal-filter-from"
      />
      <TextInput
        type="date"
        label="To"
        value={dayOf(filter.to, 1)}
        onChange={(e) => set({ to: dayStart(e.currentTarget.value, 1) })}
        data-testid="journal-filter-to"
      />
      <Group gap="xs" ml="auto">
        <Button
          size="sm"
          variant="default"
          leftSection={<IconCopy size={14} />}
          onClick={() => copy.mutate()}
          loading={copy.isPending}
          data-testid="journal-export-copy"
        >
          {copy.isSuccess ? "Copied" : "Copy as JSON lines"}
        </Button>
        <Button
          size="sm"
          variant="default"
          leftSection={<IconDeviceFloppy size={14} />}
          onClick={() => save.mutate()}
          loading={save.isPending}
          data-testid="journal-export-save"
        >
          Save…
        </Button>
      </Group>
      {(save.data || save.error || copy.error) && (
        <Text size="xs" c={save.data ? "green" : "red"} role="status" w="100%" data-testid="journal-export-status">
          {save.data ? `Saved to ${save.data}` : (save.error ?? copy.error)?.message}
        </Text>
      )}
    </Group>
  );
}
