import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTenantIndex } from "./useTenantIndex";

/** How many matches a picker offers; typing narrows them. */
export const SHOWN = 50;

/**
 * What a picker searching the tenant's index shares: the typed text (debounced), the index,
 * and when it may be searched. An index never built is built when the list is first opened
 * (`open`) — at once when nothing is chosen yet, so a screen arriving with its choice made
 * reads nothing it does not need.
 */
export function useIndexSearch(value: string) {
  const [wanted, setWanted] = useState(!value);
  const index = useTenantIndex(wanted);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 150);
  const ready = !!index.status?.built_at && !index.building;
  return { index, search, setSearch, debounced, ready, open: () => setWanted(true) };
}
