import { Alert, Badge, Card, Code, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { listApis } from "../../ipc";
import { ListHeader } from "../browse/ListHeader";
import { useProfiles, useTenantKey } from "../profiles/useProfiles";

/** The active tenant's APIs with their identifiers, algorithms and scopes, searchable. */
export function ApisScreen() {
  const { active } = useProfiles();
  const key = useTenantKey();
  const apis = useQuery({ queryKey: key("apis"), queryFn: listApis, enabled: !!active });
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = (apis.data ?? []).filter(
    (a) => !q || `${a.name} ${a.identifier} ${a.scopes.map((s) => s.value).join(" ")}`.toLowerCase().includes(q),
  );
  return (
    <Stack gap="lg">
      <ListHeader
        title="APIs"
        description={
          <>
            The APIs of <b>{active?.name ?? "…"}</b>. Tokens name an API by its identifier (the audience).
          </>
        }
        noun="APIs"
        shown={shown.length}
        total={apis.data?.length}
        refreshing={apis.isFetching}
        onRefresh={() => void apis.refetch()}
        search={query}
        onSearch={setQuery}
        placeholder="Search by name, identifier or scope"
        testId="apis"
      />
      {apis.error && <Alert color="red">{apis.error.message}</Alert>}
      <Card withBorder padding={0}>
        {apis.isLoading ? (
          <Stack p="md" gap="xs">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={28} />
            ))}
          </Stack>
        ) : shown.length === 0 ? (
          <Text p="lg" c="dimmed" ta="center">
            {apis.data?.length ? `No API matches “${query}”.` : "This tenant has no APIs of its own yet. The setup wizard creates one."}
          </Text>
        ) : (
          <Table verticalSpacing="xs" highlightOnHover data-testid="apis-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Identifier</Table.Th>
                <Table.Th>Signing</Table.Th>
                <Table.Th>Scopes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>
                    <Code>{a.identifier}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={a.signing_alg === "HS256" ? "grape" : "indigo"}>
                      {a.signing_alg ?? "RS256"}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {a.scopes.length ? a.scopes.map((s) => s.value).join(", ") : "none"}
                    </Text>
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
