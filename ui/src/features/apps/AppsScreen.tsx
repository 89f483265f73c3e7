import { Badge, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { AppSummary } from "../../bindings/AppSummary";
import { CopyValue } from "../../components/Copy";
import { DataList, type Column } from "../../components/DataList";
import { listApplications } from "../../ipc";
import { useProfiles, useTenantKey } from "../profiles/useProfiles";

const COLUMNS: Column<AppSummary>[] = [
  {
    header: "Name",
    cell: (a) => (
      <>
        <Text size="sm" fw={500}>
          {a.name}
        </Text>
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
    nowrap: true,
    cell: (a) =>
      a.app_type === "non_interactive" ? (
        <Badge variant="light">Machine to Machine</Badge>
      ) : (
        <Badge variant="light" color="gray">
          {a.app_type ?? "unknown"}
        </Badge>
      ),
  },
  { header: "Client ID", cell: (a) => <CopyValue value={a.client_id} what={`client ID of ${a.name}`} /> },
];

/** The active tenant's applications, searchable. */
export function AppsScreen() {
  const { active } = useProfiles();
  const key = useTenantKey();
  const apps = useQuery({ queryKey: key("apps"), queryFn: listApplications, enabled: !!active });
  return (
    <DataList
      testId="apps"
      title="Applications"
      description={
        <>
          The applications of <b>{active?.name ?? "…"}</b>. Machine to Machine applications use the Client Credentials grant.
        </>
      }
      noun="applications"
      rows={apps}
      columns={COLUMNS}
      rowKey={(a) => a.client_id}
      rowTestId="app-row"
      searchText={(a) => `${a.name} ${a.client_id} ${a.description ?? ""}`}
      placeholder="Search by name, client ID or description"
      empty="This tenant has no applications yet."
    />
  );
}
