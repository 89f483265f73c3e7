import { Card, Stack, Text, Title } from "@mantine/core";
import type { Area } from "../../app/areas";

/** An area whose screens are not built yet: says what it will be, without pretending. */
export function AreaPlaceholder({ area }: { area: Area }) {
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">{area.label}</Title>
        <Text c="dimmed">{area.hint}</Text>
      </Stack>
      <Card withBorder padding="xl" data-testid={`area-${area.id}-empty`}>
        <Stack align="center" gap="xs" py="xl">
          <area.icon size={36} stroke={1.3} aria-hidden />
          <Text fw={600}>Not available in this build yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={440}>
            This area is being built. Tenants and their applications are available now.
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
