// Picking an API by searching the tenant's local index (name, identifier or a scope),
// never the tenant read live. Like `ApplicationPicker`, an index never built is built when
// the list is first opened, at once when nothing is chosen yet.
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { indexApis } from "../../ipc";
import { useTenantIndex } from "../apps/useTenantIndex";
import { useTenantKey } from "../profiles/useProfiles";
import { SearchedSelect } from "../../components/SearchedSelect";

/** How many matches the list offers; typing narrows them. */
const SHOWN = 50;

export function ApiPicker({
  value,
  onChange,
  knownName,
  testId,
}: {
  value: string;
  onChange: (identifier: string) => void;
  /** The chosen API's name when the caller knows it (shown until the index says). */
  knownName?: string;
  testId: string;
}) {
  const key = useTenantKey();
  const [wanted, setWanted] = useState(!value);
  const index = useTenantIndex(wanted);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 150);
  const ready = !!index.status?.built_at && !index.building;
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
      onDropdownOpen={() => setWanted(true)}
      nothingFoundMessage={found.isFetching || index.building ? "Searching…" : "No API matches"}
      error={index.error?.message ?? found.error?.message}
      data-testid={testId}
    />
  );
}
