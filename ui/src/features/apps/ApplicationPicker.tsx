// Picking a Machine to Machine application by searching the tenant's local index: the first
// matches of one query, never the whole tenant read live (at 5,000 applications that was 50
// Management API pages and every option in memory). When the index is built: `useIndexSearch`.
import { useQuery } from "@tanstack/react-query";
import { indexApplications } from "../../ipc";
import { SHOWN, useIndexSearch } from "./useIndexSearch";
import { useTenantKey } from "../profiles/useProfiles";
import { SearchedSelect } from "../../components/SearchedSelect";

export function ApplicationPicker({
  value,
  onChange,
  label,
  placeholder,
  knownName,
  error,
  "data-testid": testId,
}: {
  value: string;
  onChange: (clientId: string) => void;
  label: string;
  placeholder: string;
  /** The chosen application's name when the caller knows it (shown until the index says). */
  knownName?: string;
  error?: string;
  "data-testid": string;
}) {
  const key = useTenantKey();
  const { index, search, setSearch, debounced, ready, open } = useIndexSearch(value);
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
      onDropdownOpen={open}
      nothingFoundMessage={found.isFetching || index.building ? "Searching…" : "No Machine to Machine application matches"}
      error={error ?? index.error?.message ?? found.error?.message}
      data-testid={testId}
    />
  );
}
