import { ActionIcon, Alert, Badge, Card, CopyButton, Group, Skeleton, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { listApplications } from "../../ipc";
import { ListHeader } from "../browse/ListHeader";
import { useProfiles, useTenantKey } from "../profiles/useProfiles";

/** The active tenant's applications, searchable. */
export function AppsScreen() {
  const { active } = useProfiles();
  const key = useTenantKey();
  const apps = useQuery({ queryKey: key("apps"), queryFn: listApplications, enabled: !!active });
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = (apps.data ?? []).filter((a) => !q || `${a.name} ${a.client_id} ${a.description ?? ""}`.toLowerCase().includes(q));

  return (
    <Stack gap="lg">
      <ListHeader
        title="Applications"
        description={
          <>
            The applications of <b>{active?.name ?? "…"}</b>. Machine to Machine applications use the Client Credentials grant.
          </>
        }
        noun="applications"
        shown={shown.length}
        total={apps.data?.length}
        refreshing={apps.isFetching}
        onRefresh={() => void apps.refetch()}
        search={query}
        onSearch={setQuery}
        placeholder="Search by name, client ID or description"
        testId="apps"
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
