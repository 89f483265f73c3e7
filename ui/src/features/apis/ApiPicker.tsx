// Picking an API by searching the tenant's local index (name, identifier or a scope),
// never the tenant read live. When the index is built: `useIndexSearch`.
import { useQuery } from "@tanstack/react-query";
import { indexApis } from "../../ipc";
import { SHOWN, useIndexSearch } from "../apps/useIndexSearch";
import { useTenantKey } from "../profiles/useProfiles";
import { SearchedSelect } from "../../components/SearchedSelect";

export function ApiPicker({
  value,
  onChange,
  knownName,
  "data-testid": testId,
}: {
  value: string;
  onChange: (identifier: string) => void;
  /** The chosen API's name when the caller knows it (shown until the index says). */
  knownName?: string;
  "data-testid": string;
}) {
  const key = useTenantKey();
  const { index, search, setSearch, debounced, ready, open } = useIndexSearch(value);
  const found = useQuery({ queryKey: key("index-apis", debounced), queryFn: () => indexApis(debounced), enabled: ready });
  const chosen = useQuery({ queryKey: key("index-apis", value), queryFn: () => indexApis(value), enabled: ready && !!value });
  const apis = [...(chosen.data ?? []).filter((a) => a.identifier === value), ...(found.data ?? []).slice(0, SHOWN)];
  const options = new Map(apis.map((a) => [a.identifier, { value: a.identifier, label: `${a.name} — ${a.identifier}` }]));
  if (value && !options.has(value)) options.set(value, { value, label: knownName ? `${knownName} — ${value}` : value });
  const data = [...options.values()];
  return (
    <SearchedSelect
      label="API"
      placeholder={index.building ? "Reading the tenant's APIs…" : "Pick an API"}
      search={search}
      onSearch={setSearch}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      onDropdownOpen={open}
      nothingFoundMessage={found.isFetching || index.building ? "Searching…" : "No API matches"}
      error={index.error?.message ?? found.error?.message}
      data-testid={testId}
    />
  );
}
