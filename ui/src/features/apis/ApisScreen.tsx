import { ActionIcon, Anchor, Badge, Box, Code, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigation } from "../../app/navigation";
import type { IndexedApi } from "../../bindings/IndexedApi";
import { DataList, ListError, ListNote, type Column } from "../../components/DataList";
import { indexApis } from "../../ipc";
import { IndexState } from "../apps/IndexState";
import { useTenantIndex } from "../apps/useTenantIndex";
import { useProfiles, useTenantKey } from "../profiles/useProfiles";

/** The columns; the name opens the API's page. */
const columns = (open: (identifier: string) => void): Column<IndexedApi>[] => [
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
  { header: "Apps", width: "4rem", cell: (a) => <Text size="sm">{a.grants}</Text> },
  {
    header: "Scopes",
    width: "minmax(0, 1.5fr)",
    cell: (a) => (
      <Text size="xs" c="dimmed" lineClamp={2}>
        {a.scopes.length ? a.scopes.join(", ") : "none"}
      </Text>
    ),
  },
];

/** The active tenant's APIs from its local index: natural order, searched in Rust by name,
 * identifier or scope. */
export function ApisScreen() {
  const { active } = useProfiles();
  const { go } = useNavigation();
  const key = useTenantKey();
  const index = useTenantIndex();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 120);
  const built = index.status?.built_at ?? 0;
  const apis = useQuery({
    queryKey: key("index-apis", debounced, built),
    queryFn: () => indexApis(debounced),
    enabled: built > 0,
    // The index changes only when rebuilt (its time is in the key) and by Grantsmith's own
    // writes, which invalidate every query of the tenant: a visit shows the rows it has.
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
  const all = useQuery({ queryKey: key("index-apis", "", built), queryFn: () => indexApis(""), enabled: built > 0 });
  return (
    <DataList
      data-testid="apis-list"
      title="APIs"
      description={
        <>
          The APIs of <b>{active?.name ?? "…"}</b>. Tokens name an API by its identifier (the audience).
        </>
      }
      noun="APIs"
      rows={apis.data}
      total={all.data?.length}
      loading={built === 0 || apis.isLoading}
      refreshing={index.building}
      error={index.error ?? apis.error}
      onRefresh={() => index.refresh.mutate()}
      count={<Text data-testid="apis-count" />}
      searchBox={<TextInput data-testid="apis-search" />}
      refresh={<ActionIcon data-testid="index-refresh" />}
      search={search}
      onSearch={setSearch}
      placeholder="Search by name, identifier or scope"
      columns={columns((identifier) => go({ kind: "area", area: "apis", open: identifier }))}
      rowKey={(a) => a.id}
      row={(a, attributes) => <Box {...attributes} data-testid="api-row" data-identifier={a.identifier} />}
      empty={(text) => <ListNote data-testid="apis-empty">{text}</ListNote>}
      emptyText="This tenant has no APIs of its own yet. The setup wizard creates one."
      failed={(error) => <ListError noun="APIs" error={error} data-testid="apis-error" />}
      status={<IndexState builtAt={built} progress={index.progress} building={index.building} />}
    />
  );
}
