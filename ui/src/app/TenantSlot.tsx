import { Badge, Group, Stack, Text } from "@mantine/core";
import { IconCircleDashed } from "@tabler/icons-react";

// Where the active tenant is always shown, and the switcher below the navigation.
// Tenant profiles are not built yet, so both say plainly that no tenant is connected.

export function TenantBar() {
  return (
    <Group h="100%" px="lg" gap="sm" data-testid="tenant-bar">
      <IconCircleDashed size={16} aria-hidden />
      <Text fw={600}>No tenant connected</Text>
      <Badge variant="light" color="gray">
        tenant profiles are not available in this build yet
      </Badge>
    </Group>
  );
}

export function TenantSwitcher() {
  return (
    <Stack gap={4} mt="lg" px="xs" data-testid="tenant-switcher" aria-label="Tenants">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        Tenants
      </Text>
      <Text size="sm" c="dimmed">
        None yet. The built-in Sandbox tenant and your Auth0 tenants will be listed here.
      </Text>
    </Stack>
  );
}
