import { ActionIcon, Alert, Badge, Card, CopyButton, Group, Skeleton, Stack, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconRefresh, IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { listApplications } from "../../ipc";
import { TENANT_KEY, useProfiles } from "../profiles/useProfiles";

/** The active tenant's applications, searchable. */
export function AppsScreen() {
  const { active } = useProfiles();
  const apps = useQuery({ queryKey: [...TENANT_KEY, active?.id, "apps"], queryFn: listApplications, enabled: !!active });
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = (apps.data ?? []).filter((a) => !q || `${a.name} ${a.client_id} ${a.description ?? ""}`.toLowerCase().includes(q));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>Applications</Title>
          <Text c="dimmed">
            The applications of <b>{active?.name ?? "…"}</b>. Machine to Machine applications use the Client Credentials grant.
          </Text>
        </Stack>
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="apps-count">
            {apps.data ? `${shown.length} of ${apps.data.length} applications` : ""}
          </Text>
          <Tooltip label="Refresh from the tenant">
            <ActionIcon variant="default" onClick={() => void apps.refetch()} loading={apps.isFetching} aria-label="Refresh applications">
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <TextInput
        placeholder="Search by name, client ID or description"
        leftSection={<IconSearch size={16} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        aria-label="Search applications"
        data-testid="apps-search"
      />
      {apps.error && (
        <Alert color="red" title="Could not list applications" data-testid="apps-error">
          {apps.error.message}
        </Alert>
      )}
      <Card withBorder padding={0}>
        {apps.isLoading ? (
          <Stack p="md" gap="xs" aria-label="Loading applications">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={28} />
            ))}
          </Stack>
        ) : shown.length === 0 ? (
          <Text p="lg" c="dimmed" ta="center" data-testid="apps-empty">
            {apps.data?.length ? `No application matches “${query}”.` : "This tenant has no applications yet."}
          </Text>
        ) : (
          <Table highlightOnHover verticalSpacing="xs" data-testid="apps-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Client ID</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((a) => (
                <Table.Tr key={a.client_id} data-testid="app-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {a.name}
                    </Text>
                    {a.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {a.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.app_type === "non_interactive" ? (
                      <Badge variant="light">Machine to Machine</Badge>
                    ) : (
                      <Badge variant="light" color="gray">
                        {a.app_type ?? "unknown"}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="xs" ff="monospace">
                        {a.client_id}
                      </Text>
                      <CopyButton value={a.client_id}>
                        {({ copied, copy }) => (
                          <Tooltip label={copied ? "Copied" : "Copy client ID"}>
                            <ActionIcon size="sm" variant="subtle" onClick={copy} aria-label={`Copy client ID of ${a.name}`}>
                              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </CopyButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
