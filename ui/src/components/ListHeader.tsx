import { Group, Stack, Text, Title, Tooltip, type ActionIconProps, type TextInputProps, type TextProps } from "@mantine/core";
import { IconRefresh, IconSearch } from "@tabler/icons-react";
import { cloneElement, type ReactElement, type ReactNode } from "react";

/** The screen's own elements (its test ids): `<Text data-testid="apps-count" />`,
 * `searchBox`: `<TextInput data-testid="apps-search" />`, `<ActionIcon data-testid="index-refresh" />`;
 * the header gives them their content and behaviour. */
export interface HeaderSlots {
  count: ReactElement<TextProps & { children?: ReactNode }>;
  searchBox: ReactElement<TextInputProps>;
  refresh: ReactElement<ActionIconProps & { onClick?: () => void; "aria-label"?: string; children?: ReactNode }>;
}

/** Title, what the list is, "N of M", Refresh, and a search box that filters as you type. */
export function ListHeader(
  props: HeaderSlots & {
    title: string;
    description: ReactNode;
    noun: string;
    shown: number;
    total?: number;
    refreshing: boolean;
    onRefresh: () => void;
    query: string;
    onSearch: (s: string) => void;
    placeholder: string;
  },
) {
  return (
    <>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {props.title}
          </Title>
          <Text c="dimmed">{props.description}</Text>
        </Stack>
        <Group gap="xs">
          {cloneElement(props.count, {
            size: "sm",
            c: "dimmed",
            children: props.total === undefined ? "" : `${props.shown} of ${props.total} ${props.noun}`,
          })}
          <Tooltip label="Refresh from the tenant">
            {cloneElement(props.refresh, {
              variant: "default",
              onClick: props.onRefresh,
              loading: props.refreshing,
              "aria-label": `Refresh ${props.noun}`,
              children: <IconRefresh size={16} />,
            })}
          </Tooltip>
        </Group>
      </Group>
      {cloneElement(props.searchBox, {
        placeholder: props.placeholder,
        leftSection: <IconSearch size={16} />,
        value: props.query,
        onChange: (e) => props.onSearch(e.currentTarget.value),
        "aria-label": `Search ${props.noun}`,
      } as TextInputProps)}
    </>
  );
}
