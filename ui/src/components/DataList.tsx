// The one list of tenant objects: header with count, refresh and search; loading, error,
// empty and no-match states; the rows, virtualized (a few dozen in the page however many
// match), as an ARIA table. Screens give the rows (already filtered) and the columns.
import { Alert, Box, Card, Skeleton, Stack, Text } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Fragment, useRef, type CSSProperties, type ReactElement, type ReactNode } from "react";
import { ListHeader, type HeaderSlots } from "./ListHeader";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Its track in the grid, e.g. `minmax(0, 2fr)` or `10rem`. */
  width: string;
}

/** What a row element must carry (the screen adds its own test id and data attributes). */
interface RowAttributes {
  ref: (node: Element | null) => void;
  role: "row";
  "aria-rowindex": number;
  "data-index": number;
  style: CSSProperties;
  px: "md";
  py: "xs";
  children: ReactNode;
}

/** The words in place of rows (none at all, or none matching). */
export function ListNote(props: { children: ReactNode; "data-testid": string }) {
  return <Text p="lg" c="dimmed" ta="center" {...props} />;
}

/** Why the list could not be read. */
export function ListError({ noun, error, ...props }: { noun: string; error: Error; "data-testid": string }) {
  return (
    <Alert color="red" title={`Could not list ${noun}`} {...props}>
      {error.message}
    </Alert>
  );
}

export function DataList<T>(
  props: HeaderSlots & {
    /** The table's test id. */
    "data-testid": string;
    title: string;
    description: ReactNode;
    /** Plural, for "3 of 10 applications" and "Search applications". */
    noun: string;
    /** The rows that match the search, in order; undefined while loading. */
    rows?: T[];
    /** How many there are without the search. */
    total?: number;
    loading: boolean;
    refreshing: boolean;
    error?: Error | null;
    onRefresh: () => void;
    search: string;
    onSearch: (s: string) => void;
    placeholder: string;
    columns: Column<T>[];
    rowKey: (row: T) => string;
    /** A row: `attributes` spread on a `Box`, plus the screen's test id and data attributes. */
    row: (row: T, attributes: RowAttributes) => ReactElement;
    /** The words of `emptyText` (none at all) or of no match, in a `ListNote`. */
    empty: (text: ReactNode) => ReactElement;
    emptyText: ReactNode;
    /** A read error, in a `ListError`. */
    failed: (error: Error) => ReactElement;
    /** Under the header: the data's age, a progress bar. */
    status?: ReactNode;
  },
) {
  const { rows, noun } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows?.length ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 8,
    getItemKey: (i) => (rows?.[i] ? props.rowKey(rows[i]) : i),
  });
  const grid = { display: "grid", gridTemplateColumns: props.columns.map((c) => c.width).join(" "), gap: "var(--mantine-spacing-md)" };
  return (
    <Stack gap="lg">
      <ListHeader
        title={props.title}
        description={props.description}
        noun={noun}
        shown={rows?.length ?? 0}
        total={props.total}
        refreshing={props.refreshing}
        onRefresh={props.onRefresh}
        query={props.search}
        onSearch={props.onSearch}
        placeholder={props.placeholder}
        count={props.count}
        searchBox={props.searchBox}
        refresh={props.refresh}
      />
      {props.status}
      {props.error && props.failed(props.error)}
      <Card withBorder padding={0}>
        {props.loading ? (
          <Stack p="md" gap="xs" role="status" aria-label={`Loading ${noun}`}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={28} />
            ))}
          </Stack>
        ) : !rows?.length ? (
          props.empty(props.total ? `Nothing matches “${props.search}”.` : props.emptyText)
        ) : (
          <div
            ref={scroller}
            role="table"
            aria-label={props.title}
            aria-rowcount={rows.length + 1}
            // Scrolls by keyboard too.
            tabIndex={0}
            data-testid={props["data-testid"]}
            style={{ maxHeight: "max(16rem, calc(100vh - 22rem))", overflowY: "auto" }}
          >
            <Box
              role="rowgroup"
              style={{
                position: "sticky",
                top: 0,
                zIndex: 1,
                background: "var(--mantine-color-body)",
                borderBottom: "1px solid var(--mantine-color-default-border)",
              }}
            >
              <Box role="row" aria-rowindex={1} px="md" py="xs" style={grid}>
                {props.columns.map((c) => (
                  <Text key={c.header} role="columnheader" size="sm" fw={700}>
                    {c.header}
                  </Text>
                ))}
              </Box>
            </Box>
            <div role="rowgroup" style={{ height: virtual.getTotalSize(), position: "relative" }}>
              {virtual.getVirtualItems().map((item) => {
                const r = rows[item.index]!;
                const attributes: RowAttributes = {
                  ref: virtual.measureElement,
                  role: "row",
                  "aria-rowindex": item.index + 2,
                  "data-index": item.index,
                  px: "md",
                  py: "xs",
                  style: {
                    ...grid,
                    alignItems: "center",
                    position: "absolute",
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                    borderBottom: "1px solid var(--mantine-color-default-border)",
                  },
                  children: props.columns.map((c) => (
                    <div key={c.header} role="cell" style={{ minWidth: 0 }}>
                      {c.cell(r)}
                    </div>
                  )),
                };
                return <Fragment key={item.key}>{props.row(r, attributes)}</Fragment>;
              })}
            </div>
          </div>
        )}
      </Card>
    </Stack>
  );
}
