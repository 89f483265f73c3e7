import { ActionIcon, Button, Checkbox, Code, Group, Stack, Table, Text, TextInput, Textarea, Tooltip } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useRef, useState, type KeyboardEvent } from "react";
import type { FieldIssue } from "../../bindings/FieldIssue";
import type { Plan } from "../../bindings/Plan";
import type { WizardSpec } from "../../bindings/WizardSpec";
import { wizardParseScopes } from "../../ipc";
import { issueFor } from "./model";

interface StepProps {
  spec: WizardSpec;
  onChange: (spec: WizardSpec) => void;
  issues?: FieldIssue[];
  existing: string[];
}

export function ScopesStep({ spec, onChange, issues, existing }: StepProps) {
  const [value, setValue] = useState("");
  const [description, setDescription] = useState("");
  const [paste, setPaste] = useState("");
  const [pasteError, setPasteError] = useState<string>();
  const first = useRef<HTMLInputElement>(null);
  const add = () => {
    if (!value.trim()) return;
    onChange({ ...spec, scopes: [...spec.scopes, { value: value.trim(), description: description.trim() }] });
    setValue("");
    setDescription("");
    first.current?.focus();
  };
  // Enter adds the scope being typed; with nothing typed it goes on to the next step.
  const onEnter = (e: KeyboardEvent) => {
    if (e.key === "Enter" && value.trim()) {
      e.preventDefault();
      add();
    }
  };
  const addLines = async () => {
    try {
      const parsed = await wizardParseScopes(paste);
      onChange({ ...spec, scopes: [...spec.scopes, ...parsed] });
      setPaste("");
      setPasteError(undefined);
    } catch (e) {
      setPasteError(e instanceof Error ? e.message : String(e));
    }
  };
  const remove = (i: number) => {
    const gone = spec.scopes[i]?.value;
    onChange({ ...spec, scopes: spec.scopes.filter((_, j) => j !== i), grant_scopes: spec.grant_scopes.filter((g) => g !== gone) });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Scopes (permissions) name what a token may do, e.g. <Code>read:orders</Code>. Your API checks them.
      </Text>
      {spec.scopes.length > 0 ? (
        <Table verticalSpacing={4} data-testid="wizard-scope-list">
          <Table.Tbody>
            {spec.scopes.map((s, i) => {
              const kept = existing.includes(s.value);
              const error = issueFor(issues, `scopes[${i}].value`) ?? issueFor(issues, `scopes[${i}].description`);
              return (
                <Table.Tr key={`${s.value}-${i}`}>
                  <Table.Td>
                    <Code>{s.value}</Code>
                    {error && (
                      <Text size="xs" c="red" role="alert" data-testid="wizard-scope-error">
                        {error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {s.description || "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td w={40}>
                    {kept ? (
                      <Text size="xs" c="dimmed">
                        existing
                      </Text>
                    ) : (
                      <Tooltip label={`Remove ${s.value}`}>
                        <ActionIcon variant="subtle" color="red" onClick={() => remove(i)} aria-label={`Remove ${s.value}`}>
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed" data-testid="wizard-no-scopes">
          No scopes yet. An API can work without scopes, but then every authorized application can do everything.
        </Text>
      )}
      {issueFor(issues, "scopes") && (
        <Text size="sm" c="red" role="alert">
          {issueFor(issues, "scopes")}
        </Text>
      )}
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label="Scope"
          placeholder="read:orders"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={onEnter}
          ref={first}
          autoFocus
          data-testid="wizard-scope-value"
          style={{ flex: 1 }}
        />
        <TextInput
          label="Description"
          placeholder="Read orders"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          onKeyDown={onEnter}
          data-testid="wizard-scope-description"
          style={{ flex: 2 }}
        />
        <Button leftSection={<IconPlus size={16} />} onClick={add} disabled={!value.trim()} data-testid="wizard-scope-add">
          Add
        </Button>
      </Group>
      <Textarea
        label="Or paste many, one per line"
        description="value, then an optional description: read:orders Read all orders"
        value={paste}
        onChange={(e) => setPaste(e.currentTarget.value)}
        error={pasteError}
        autosize
        minRows={2}
        maxRows={12}
        data-testid="wizard-scope-paste"
      />
      <Group justify="flex-end">
        <Button variant="light" onClick={() => void addLines()} disabled={!paste.trim()} data-testid="wizard-scope-paste-add">
          Add lines
        </Button>
      </Group>
    </Stack>
  );
}

export function AuthorizeStep({
  spec,
  onChange,
  issues,
  plan,
}: {
  spec: WizardSpec;
  onChange: (s: WizardSpec) => void;
  issues?: FieldIssue[];
  plan?: Plan;
}) {
  const values = spec.scopes.map((s) => s.value.trim());
  const toggle = (v: string, on: boolean) =>
    onChange({ ...spec, grant_scopes: on ? [...spec.grant_scopes.filter((g) => g !== v), v] : spec.grant_scopes.filter((g) => g !== v) });
  const change = plan?.grant_change;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        A client grant authorizes the application for the API. Tick the scopes it may ask for; its tokens carry only these.
      </Text>
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => onChange({ ...spec, grant_scopes: values })} data-testid="wizard-grant-all">
          All
        </Button>
        <Button size="xs" variant="default" onClick={() => onChange({ ...spec, grant_scopes: [] })} data-testid="wizard-grant-none">
          None
        </Button>
        <Text size="sm" c="dimmed">
          {spec.grant_scopes.length} of {values.length} selected
        </Text>
      </Group>
      <Stack gap={6}>
        {values.map((v) => (
          <Checkbox
            key={v}
            label={<Code>{v}</Code>}
            checked={spec.grant_scopes.includes(v)}
            onChange={(e) => toggle(v, e.currentTarget.checked)}
            data-testid={`wizard-grant-scope-${v}`}
          />
        ))}
        {values.length === 0 && (
          <Text size="sm" c="dimmed">
            The API has no scopes: the grant will carry none.
          </Text>
        )}
      </Stack>
      {issueFor(issues, "grant_scopes") && (
        <Text size="sm" c="red" role="alert">
          {issueFor(issues, "grant_scopes")}
        </Text>
      )}
      {change && (change.added.length > 0 || change.removed.length > 0) && (
        <Text size="sm" data-testid="wizard-grant-change">
          This application is already authorized for the API. Changes: {change.added.length > 0 && `adds ${change.added.join(", ")}`}
          {change.added.length > 0 && change.removed.length > 0 && "; "}
          {change.removed.length > 0 && `removes ${change.removed.join(", ")}`}.
        </Text>
      )}
    </Stack>
  );
}
