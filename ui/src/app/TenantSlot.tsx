import { Badge, Box, Button, Group, Kbd, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { IconPlus, IconSettings } from "@tabler/icons-react";
import { envColor, envLabel } from "../features/profiles/environment";
import { useProfiles, useSwitchProfile } from "../features/profiles/useProfiles";
import { useNavigation } from "./navigation";

/** The active tenant, always visible: name, domain, environment; ⌘K to switch. */
export function TenantBar({ onOpenPalette }: { onOpenPalette: () => void }) {
  const { active, error } = useProfiles();
  return (
    <Group h="100%" px="lg" justify="space-between" wrap="nowrap" data-testid="tenant-bar">
      <Group gap="sm" wrap="nowrap" miw={0}>
        {active ? (
          <>
            <Box w={10} h={10} style={{ borderRadius: 10, flexShrink: 0 }} bg={`${envColor(active.environment)}.6`} aria-hidden />
            <Text fw={700} truncate data-testid="active-tenant-name">
              {active.name}
            </Text>
            <Text c="dimmed" ff="monospace" size="sm" truncate data-testid="active-tenant-domain">
              {active.domain}
            </Text>
            <Badge color={envColor(active.environment)} variant="light" data-testid="active-tenant-env">
              {envLabel(active.environment)}
            </Badge>
          </>
        ) : (
          <Text c={error ? "red" : "dimmed"}>{error ? error.message : "Loading tenants…"}</Text>
        )}
      </Group>
      <Tooltip label="Switch tenant, start setup, find an application (Ctrl+K)">
        <Button variant="default" size="xs" onClick={onOpenPalette} rightSection={<Kbd size="xs">Ctrl K</Kbd>} data-testid="open-palette">
          Go to…
        </Button>
      </Tooltip>
    </Group>
  );
}

/** The tenant list below the navigation: one click switches. */
export function TenantSwitcher() {
  const { data, error } = useProfiles();
  const switcher = useSwitchProfile();
  const { go } = useNavigation();
  return (
    <Stack gap={2} mt="lg" data-testid="tenant-switcher" role="group" aria-label="Tenants">
      <Group justify="space-between" px="xs" mb={4}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          Tenants
        </Text>
        <Tooltip label="Manage tenants">
          <UnstyledButton aria-label="Manage tenants" onClick={() => go({ kind: "tenants" })} data-testid="manage-tenants">
            <IconSettings size={14} />
          </UnstyledButton>
        </Tooltip>
      </Group>
      {error && (
        <Text size="xs" c="red" px="xs">
          {error.message}
        </Text>
      )}
      {data?.profiles.map((p) => {
        const active = p.id === data.active_id;
        return (
          <UnstyledButton
            key={p.id}
            onClick={() => !active && switcher.mutate(p.id)}
            data-testid={`tenant-${p.id}`}
            aria-current={active ? "true" : undefined}
            aria-label={`Switch to ${p.name} (${envLabel(p.environment)})`}
            px="xs"
            py={6}
            style={(theme) => ({
              borderRadius: theme.radius.sm,
              background: active ? "var(--mantine-color-default-hover)" : undefined,
            })}
          >
            <Group gap={8} wrap="nowrap">
              <Box w={8} h={8} style={{ borderRadius: 8, flexShrink: 0 }} bg={`${envColor(p.environment)}.6`} aria-hidden />
              <Text size="sm" fw={active ? 700 : 400} truncate>
                {p.name}
              </Text>
            </Group>
          </UnstyledButton>
        );
      })}
      <Button
        variant="subtle"
        size="xs"
        justify="flex-start"
        leftSection={<IconPlus size={14} />}
        onClick={() => go({ kind: "add-tenant" })}
        data-testid="add-tenant"
      >
        Add tenant
      </Button>
    </Stack>
  );
}
