import { Badge, Code, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ApiSummary } from "../../bindings/ApiSummary";
import { DataList, type Column } from "../../components/DataList";
import { listApis } from "../../ipc";
import { useProfiles, useTenantKey } from "../profiles/useProfiles";

const COLUMNS: Column<ApiSummary>[] = [
  { header: "Name", cell: (a) => a.name },
  { header: "Identifier", cell: (a) => <Code>{a.identifier}</Code> },
  {
    header: "Signing",
    nowrap: true,
    cell: (a) => (
      <Badge variant="light" color={a.signing_alg === "HS256" ? "grape" : "indigo"}>
        {a.signing_alg ?? "RS256"}
      </Badge>
    ),
  },
  {
    header: "Scopes",
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
  const key = useTenantKey();
  const apis = useQuery({ queryKey: key("apis"), queryFn: listApis, enabled: !!active });
  return (
    <DataList
      testId="apis"
      title="APIs"
      description={
        <>
          The APIs of <b>{active?.name ?? "…"}</b>. Tokens name an API by its identifier (the audience).
        </>
      }
      noun="APIs"
      rows={apis}
      columns={COLUMNS}
      rowKey={(a) => a.id}
      searchText={(a) => `${a.name} ${a.identifier} ${a.scopes.map((s) => s.value).join(" ")}`}
      placeholder="Search by name, identifier or scope"
      empty="This tenant has no APIs of its own yet. The setup wizard creates one."
    />
  );
}
