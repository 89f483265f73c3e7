import { Anchor, Badge, Box, Code, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigation } from "../../app/navigation";
import type { ApiSummary } from "../../bindings/ApiSummary";
import { DataList, ListError, ListNote, type Column } from "../../components/DataList";
import { listApis } from "../../ipc";
import { useProfiles, useTenantKey } from "../profiles/useProfiles";

/** The columns; the name opens the API's page. */
const columns = (open: (identifier: string) => void): Column<ApiSummary>[] => [
  {
    header: "Name",
    width: "minmax(0, 1fr)",
    cell: (a) => (
      <Anchor component="button" size="sm" fw={500} ta="left" onClick={() => open(a.identifier)} style={{ overflowWrap: "anywhere" }}>
        {a.name}
      </Anchor>
    ),
  },
  { header: "Identifier", width: "minmax(0, 1.5fr)", cell: (a) => <Code style={{ overflowWrap: "anywhere" }}>{a.identifier}</Code> },
  {
    header: "Signing",
    width: "6rem",
    cell: (a) => (
      <Badge variant="light" color={a.signing_alg === "HS256" ? "grape" : "indigo"}>
        {a.signing_alg ?? "RS256"}
      </Badge>
    ),
  },
  {
    header: "Scopes",
    width: "minmax(0, 1.5fr)",
    cell: (a) => (
      <Text size="xs" c="dimmed" lineClamp={2}>
        {a.scopes.length ? a.scopes.map((s) => s.value).join(", ") : "none"}
      </Text>
    ),
  },
];

/** The active tenant's APIs with their identifiers, algorithms and scopes, searchable. */
export function ApisScreen() {
  const { active } = useProfiles();
  const { go } = useNavigation();
  const key = useTenantKey();
  const apis = useQuery({ queryKey: key("apis"), queryFn: listApis, enabled: !!active });
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const shown = apis.data?.filter((a) => !q || `${a.name} ${a.identifier} ${a.scopes.map((s) => s.value).join(" ")}`.toLowerCase().includes(q));
  return (
    <DataList
      data-testid="apis-list"
      testId="apis"
      title="APIs"
      description={
        <>
          The APIs of <b>{active?.name ?? "…"}</b>. Tokens name an API by its identifier (the audience).
        </>
      }
      noun="APIs"
      rows={shown}
      total={apis.data?.length}
      loading={apis.isLoading}
      refreshing={apis.isFetching}
      error={apis.error}
      onRefresh={() => void apis.refetch()}
      search={search}
      onSearch={setSearch}
      placeholder="Search by name, identifier or scope"
      columns={columns((identifier) => go({ kind: "area", area: "apis", open: identifier }))}
      rowKey={(a) => a.id}
      row={(a, attributes) => <Box {...attributes} data-testid="api-row" data-identifier={a.identifier} />}
      empty={(text) => <ListNote data-testid="apis-empty">{text}</ListNote>}
      emptyText="This tenant has no APIs of its own yet. The setup wizard creates one."
      failed={(error) => <ListError noun="APIs" error={error} data-testid="apis-error" />}
    />
  );
}
