import { ActionIcon, Anchor, Badge, Box, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigation } from "../../app/navigation";
import type { IndexedApp } from "../../bindings/IndexedApp";
import { CopyValue } from "../../components/CopyValue";
import { DataList, ListError, ListNote, type Column } from "../../components/DataList";
import { indexApplications } from "../../ipc";
import { useProfiles, useTenantKey } from "../profiles/useProfiles";
import { IndexState } from "./IndexState";
import { useTenantIndex } from "./useTenantIndex";

/** The columns; the name opens the application's page. */
const columns = (open: (clientId: string) => void): Column<IndexedApp>[] => [
  {
    header: "Name",
    width: "minmax(0, 1.6fr)",
    cell: (a) => (
      <>
        <Anchor component="button" size="sm" fw={500} ta="left" onClick={() => open(a.client_id)} style={{ overflowWrap: "anywhere" }}>
          {a.name}
        </Anchor>
        {a.description && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {a.description}
          </Text>
        )}
      </>
    ),
  },
  {
    header: "Type",
    width: "11rem",
    cell: (a) =>
      a.app_type === "non_interactive" ? (
        <Badge variant="light">Machine to Machine</Badge>
      ) : (
        <Badge variant="light" color="gray">
          {a.app_type ?? "unknown"}
        </Badge>
      ),
  },
  { header: "APIs", width: "4rem", cell: (a) => <Text size="sm">{a.grants}</Text> },
  { header: "Client ID", width: "minmax(0, 1.6fr)", cell: (a) => <CopyValue value={a.client_id} what={`client ID of ${a.name}`} /> },
];

/** The active tenant's applications from its local index: natural order, searched in Rust. */
export function AppsScreen() {
  const { active } = useProfiles();
  const { go } = useNavigation();
  const key = useTenantKey();
  const index = useTenantIndex();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 120);
  const built = index.status?.built_at ?? 0;
  const apps = useQuery({
    queryKey: key("index-apps", debounced, built),
    queryFn: () => indexApplications(debounced, null, 0, 1_000_000),
    enabled: built > 0,
    // The index changes only when rebuilt (its time is in the key) and by Grantsmith's own
    // writes, which invalidate every query of the tenant: a visit shows the rows it has.
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
  return (
    <DataList
      data-testid="apps-list"
      title="Applications"
      description={
        <>
          The applications of <b>{active?.name ?? "…"}</b>. Machine to Machine applications use the Client Credentials grant.
        </>
      }
      noun="applications"
      rows={apps.data?.rows}
      total={index.status?.apps}
      loading={built === 0 || apps.isLoading}
      refreshing={index.building}
      error={index.error ?? apps.error}
      onRefresh={() => index.refresh.mutate()}
      count={<Text data-testid="apps-count" />}
      searchBox={<TextInput data-testid="apps-search" />}
      refresh={<ActionIcon data-testid="index-refresh" />}
      search={search}
      onSearch={setSearch}
      placeholder="Search by name, client ID or description"
      columns={columns((clientId) => go({ kind: "area", area: "apps", open: clientId }))}
      rowKey={(a) => a.client_id}
      row={(a, attributes) => <Box {...attributes} data-testid="app-row" data-client-id={a.client_id} />}
      empty={(text) => <ListNote data-testid="apps-empty">{text}</ListNote>}
      emptyText="This tenant has no applications yet."
      failed={(error) => <ListError noun="applications" error={error} data-testid="apps-error" />}
      status={<IndexState builtAt={built} progress={index.progress} building={index.building} />}
    />
  );
}
