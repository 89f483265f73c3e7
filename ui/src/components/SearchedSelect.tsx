// A Select whose options were already searched elsewhere (the tenant's index, by what is
// typed): it shows them as given and never filters them again by its own rules.
import { Select, type SelectProps } from "@mantine/core";

export function SearchedSelect({
  search,
  onSearch,
  ...props
}: Omit<SelectProps, "searchable" | "searchValue" | "onSearchChange" | "filter"> & { search: string; onSearch: (text: string) => void }) {
  return <Select searchable searchValue={search} onSearchChange={onSearch} filter={({ options }) => options} {...props} />;
}
