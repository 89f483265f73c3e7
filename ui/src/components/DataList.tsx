// The one list of tenant objects: header with count, refresh and search; loading, error,
// empty and no-match states; a table of the rows that match. Screens give the columns.
import { Alert, Card, Skeleton, Stack, Table, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ListHeader } from "./ListHeader";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Never wrapped or squeezed (badges, short codes): long names wrap beside it instead. */
  nowrap?: boolean;
}

export function DataList<T>(props: {
  /** Test ids are `<testId>-list`, `-count`, `-search`, `-empty`, `-error`. */
  testId: string;
  title: string;
  description: ReactNode;
  /** Plural, for "3 of 10 applications" and "Search applications". */
  noun: string;
  rows: UseQueryResult<T[]>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowTestId?: string;
  /** The text a search matches against. */
  searchText: (row: T) => string;
  placeholder: string;
  /** Shown when the tenant has none at all. */
  empty: ReactNode;
}) {
  const { rows, testId, noun } = props;
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = (rows.data ?? []).filter((r) => !q || props.searchText(r).toLowerCase().includes(q));
  return (
    <Stack gap="lg">
      <ListHeader
        title={props.title}
        description={props.description}
        noun={noun}
        shown={shown.length}
        total={rows.data?.length}
        refreshing={rows.isFetching}
        onRefresh={() => void rows.refetch()}
        search={query}
        onSearch={setQuery}
        placeholder={props.placeholder}
        testId={testId}
      />
      {rows.error && (
        <Alert color="red" title={`Could not list ${noun}`} data-testid={`${testId}-error`}>
          {rows.error.message}
        </Alert>
      )}
      <Card withBorder padding={0}>
        {rows.isLoading ? (
          <Stack p="md" gap="xs" role="status" aria-label={`Loading ${noun}`}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={28} />
            ))}
          </Stack>
        ) : shown.length === 0 ? (
          <Text p="lg" c="dimmed" ta="center" data-testid={`${testId}-empty`}>
            {rows.data?.length ? `Nothing matches “${query}”.` : props.empty}
          </Text>
        ) : (
          <Table highlightOnHover verticalSpacing="xs" data-testid={`${testId}-list`}>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((c) => (
                  <Table.Th key={c.header}>{c.header}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={props.rowKey(r)} data-testid={props.rowTestId}>
                  {props.columns.map((c) => (
                    <Table.Td key={c.header} style={c.nowrap ? { whiteSpace: "nowrap", width: "1%" } : undefined}>
                      {c.cell(r)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
