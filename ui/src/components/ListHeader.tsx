import { ActionIcon, Group, Stack, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconRefresh, IconSearch } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** Title, what the list is, "N of M", Refresh, and a search box that filters as you type. */
export function ListHeader(props: {
  title: string;
  description: ReactNode;
  noun: string;
  shown: number;
  total?: number;
  refreshing: boolean;
  onRefresh: () => void;
  refreshTestId?: string;
  search: string;
  onSearch: (s: string) => void;
  placeholder: string;
  testId: string;
}) {
  return (
    <>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">{props.title}</Title>
          <Text c="dimmed">{props.description}</Text>
        </Stack>
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid={`${props.testId}-count`}>
            {props.total === undefined ? "" : `${props.shown} of ${props.total} ${props.noun}`}
          </Text>
          <Tooltip label="Refresh from the tenant">
            <ActionIcon
              variant="default"
              onClick={props.onRefresh}
              loading={props.refreshing}
              aria-label={`Refresh ${props.noun}`}
              data-testid={props.refreshTestId}
            >
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <TextInput
        placeholder={props.placeholder}
        leftSection={<IconSearch size={16} />}
        value={props.search}
        onChange={(e) => props.onSearch(e.currentTarget.value)}
        aria-label={`Search ${props.noun}`}
        data-testid={`${props.testId}-search`}
      />
    </>
  );
}
