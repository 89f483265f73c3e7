// Picking a Machine to Machine application by searching the tenant's local index: the first
// matches of one query, never the whole tenant read live (at 5,000 applications that was 50
// Management API pages and every option in memory). An index never built is built when the
// list is first opened — at once when nothing is chosen yet; a screen arriving with its
// application chosen (a test token from the wizard) reads nothing it does not need.
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { indexApplications } from "../../ipc";
import { useTenantKey } from "../profiles/useProfiles";
import { SearchedSelect } from "../../components/SearchedSelect";
import { useTenantIndex } from "./useTenantIndex";

/** How many matches the list offers; typing narrows them. */
const SHOWN = 50;

export function ApplicationPicker({
  value,
  onChange,
  label,
  placeholder,
  knownName,
  error,
  testId,
}: {
  value: string;
  onChange: (clientId: string) => void;
  label: string;
  placeholder: string;
  /** The chosen application's name when the caller knows it (shown until the index says). */
  knownName?: string;
  error?: string;
  testId: string;
}) {
  const key = useTenantKey();
  const [wanted, setWanted] = useState(!value);
  const index = useTenantIndex(wanted);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 150);
  const ready = !!index.status?.built_at && !index.building;
  const found = useQuery({
    queryKey: key("index-apps", debounced, "m2m"),
    queryFn: () => indexApplications(debounced, "non_interactive", 0, SHOWN),
    enabled: ready,
  });
  // The chosen one by its client id (it may not be among the matches shown).
  const chosen = useQuery({
    queryKey: key("index-apps", value, "chosen"),
    queryFn: () => indexApplications(value, "non_interactive", 0, 1),
    enabled: ready && !!value,
  });
  const rows = [...(chosen.data?.rows ?? []), ...(found.data?.rows ?? [])];
  const options = new Map(rows.map((a) => [a.client_id, { value: a.client_id, label: a.name }]));
  if (value && !options.has(value)) options.set(value, { value, label: knownName ?? value });
  const data = [...options.values()];
  const more = (found.data?.total ?? 0) - (found.data?.rows.length ?? 0);
  return (
    <SearchedSelect
      label={label}
      placeholder={index.building ? "Reading the tenant's applications…" : placeholder}
      description={more > 0 ? `The first ${SHOWN} of ${found.data?.total} match: type part of a name to narrow them.` : undefined}
      search={search}
      onSearch={setSearch}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      onDropdownOpen={() => setWanted(true)}
      nothingFoundMessage={found.isFetching || index.building ? "Searching…" : "No Machine to Machine application matches"}
      error={error ?? index.error?.message ?? found.error?.message}
      data-testid={testId}
    />
  );
}
