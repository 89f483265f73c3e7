// An API's scopes: describe, remove (first showing who holds the scope: it is taken from
// them in the same change set), add one or paste many, and give new scopes to chosen
// applications at once. Staged here; reviewed and applied as one change set.
import { ActionIcon, Badge, Button, Card, Group, MultiSelect, Stack, Table, Text, TextInput, Textarea } from "@mantine/core";
import { IconPlus, IconTrash, IconArrowBackUp, IconX } from "@tabler/icons-react";
import { useState } from "react";
import type { ApiDetail } from "../../bindings/ApiDetail";
import type { ChangeRequest } from "../../bindings/ChangeRequest";
import type { ScopeSpec } from "../../bindings/ScopeSpec";
import { wizardParseScopes } from "../../ipc";
import { ChangeReview } from "../change/ChangeReview";
import { StagedBar } from "../change/StagedBar";

export function ScopeEditor({ api }: { api: ApiDetail }) {
  const [described, setDescribed] = useState<Record<string, string>>({});
  const [removed, setRemoved] = useState<string[]>([]);
  const [added, setAdded] = useState<ScopeSpec[]>([]);
  const [extendTo, setExtendTo] = useState<string[]>([]);
  const [value, setValue] = useState("");
  const [description, setDescription] = useState("");
  const [paste, setPaste] = useState("");
  const [pasteError, setPasteError] = useState<string>();
  const [request, setRequest] = useState<ChangeRequest | null>(null);

  const holders = (scope: string) => api.grants.filter((g) => g.scopes.includes(scope));
  const describe: ScopeSpec[] = Object.entries(described)
    .filter(([v, d]) => api.scopes.find((s) => s.value === v)?.description !== d && !removed.includes(v))
    .map(([v, d]) => ({ value: v, description: d }));
  const staged = added.length + removed.length + describe.length;
  const add = (more: ScopeSpec[]) => setAdded([...added, ...more.filter((m) => m.value && !added.some((a) => a.value === m.value))]);
  const reset = () => {
    setDescribed({});
    setRemoved([]);
    setAdded([]);
    setExtendTo([]);
  };

  return (
    <Stack gap="md">
      {api.is_system && <Text c="dimmed">Auth0 defines these scopes; they cannot be changed here.</Text>}
      <Card withBorder padding={0}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="scopes-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Scope</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Held by</Table.Th>
              <Table.Th w="1%">
                <Text size="sm" fw={700} style={{ whiteSpace: "nowrap" }}>
                  Remove
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {api.scopes.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" size="sm">
                    No scopes yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {api.scopes.map((s) => {
              const gone = removed.includes(s.value);
              const held = holders(s.value);
              return (
                <Table.Tr key={s.value} data-testid={`scope-row-${s.value}`} data-removed={gone || undefined}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" td={gone ? "line-through" : undefined} style={{ overflowWrap: "anywhere" }}>
                      {s.value}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`Description of ${s.value}`}
                      value={described[s.value] ?? s.description}
                      disabled={gone || api.is_system}
                      onChange={(e) => setDescribed({ ...described, [s.value]: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={gone && held.length ? "orange" : "dimmed"}>
                      {held.length === 0
                        ? "no application"
                        : `${held.length} application${held.length === 1 ? "" : "s"}${gone ? " — it is taken from them" : ""}`}
                    </Text>
                    {gone && held.length > 0 && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {held.map((h) => h.app_name).join(", ")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color={gone ? "gray" : "red"}
                      disabled={api.is_system}
                      onClick={() => setRemoved(gone ? removed.filter((r) => r !== s.value) : [...removed, s.value])}
                      aria-label={gone ? `Keep ${s.value}` : `Remove ${s.value}`}
                      data-testid={`scope-remove-${s.value}`}
                    >
                      {gone ? <IconArrowBackUp size={16} /> : <IconTrash size={16} />}
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      {!api.is_system && (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>Add scopes</Text>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                add([{ value: value.trim(), description: description.trim() }]);
                setValue("");
                setDescription("");
              }}
            >
              <Group align="flex-end">
                <TextInput
                  label="Value"
                  placeholder="export:orders"
                  value={value}
                  onChange={(e) => setValue(e.currentTarget.value)}
                  data-testid="scopes-add-value"
                  w="14rem"
                />
                <TextInput
                  label="Description"
                  placeholder="Export orders"
                  value={description}
                  onChange={(e) => setDescription(e.currentTarget.value)}
                  data-testid="scopes-add-description"
                  style={{ flex: 1 }}
                />
                <Button
                  type="submit"
                  variant="default"
                  leftSection={<IconPlus size={16} />}
                  disabled={!value.trim()}
                  data-testid="scopes-add"
                >
                  Add
                </Button>
              </Group>
            </form>
            <Group align="flex-end">
              <Textarea
                label="Or paste several"
                description="One per line: the value, then optionally a description (read:orders Read orders)."
                autosize
                minRows={2}
                value={paste}
                onChange={(e) => setPaste(e.currentTarget.value)}
                error={pasteError}
                maxRows={12}
                style={{ flex: 1 }}
                data-testid="scopes-paste"
              />
              <Button
                variant="default"
                disabled={!paste.trim()}
                onClick={() =>
                  void wizardParseScopes(paste).then(
                    (more) => {
                      add(more);
                      setPaste("");
                      setPasteError(undefined);
                    },
                    (e: Error) => setPasteError(e.message),
                  )
                }
                data-testid="scopes-paste-add"
              >
                Add these
              </Button>
            </Group>
            {added.length > 0 && (
              <Group gap="xs" data-testid="scopes-added">
                {added.map((a) => (
                  <Badge
                    key={a.value}
                    variant="light"
                    color="green"
                    tt="none"
                    rightSection={
                      <ActionIcon
                        size="xs"
                        variant="transparent"
                        onClick={() => setAdded(added.filter((x) => x.value !== a.value))}
                        aria-label={`Do not add ${a.value}`}
                      >
                        <IconX size={12} />
                      </ActionIcon>
                    }
                  >
                    + {a.value}
                  </Badge>
                ))}
              </Group>
            )}
            {added.length > 0 && api.grants.length > 0 && (
              <MultiSelect
                label="Also give the new scopes to"
                placeholder="Applications authorized for this API"
                searchable
                data={api.grants.map((g) => ({ value: g.client_id, label: g.app_name }))}
                value={extendTo}
                onChange={setExtendTo}
                data-testid="scopes-extend"
              />
            )}
          </Stack>
        </Card>
      )}
      <StagedBar
        count={staged}
        idle="Edit, remove or add scopes to stage changes."
        onDiscard={reset}
        review={
          <Button
            data-testid="scopes-review"
            onClick={() =>
              setRequest({
                kind: "scopes",
                audience: api.identifier,
                add: added,
                describe,
                remove: removed,
                extend_to: added.length ? extendTo : [],
              })
            }
          />
        }
      />
      <ChangeReview
        request={request}
        title={`Change the scopes of ${api.name}`}
        apply={(p) => (
          <Button {...p} data-testid="scopes-apply">
            Apply changes
          </Button>
        )}
        result={(p) => <Stack {...p} data-testid="scopes-result" />}
        onClose={() => setRequest(null)}
        onApplied={(o) => o.change.status === "done" && reset()}
      />
    </Stack>
  );
}
