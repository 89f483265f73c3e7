import { AppShell, Box, Group, NavLink, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { AppInfo } from "../bindings/AppInfo";
import { Home } from "../features/home/Home";
import { AreaPlaceholder } from "../features/home/AreaPlaceholder";
import { AREAS, type AreaId } from "./areas";
import { Logo } from "./Logo";
import { TenantBar, TenantSwitcher } from "./TenantSlot";
import { ThemeToggle } from "./ThemeToggle";

export function Frame({ info, infoError }: { info?: AppInfo; infoError?: string }) {
  const [area, setArea] = useState<AreaId>("setup");
  const current = AREAS.find((a) => a.id === area)!;

  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} header={{ height: 52 }} padding="lg">
      <AppShell.Header>
        <TenantBar />
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <AppShell.Section>
          <Group gap="xs" px="xs" pb="md" wrap="nowrap">
            <Logo size={28} />
            <Title order={4}>Grantsmith</Title>
          </Group>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {AREAS.map((a) => (
              <NavLink
                key={a.id}
                component="button"
                data-testid={`nav-${a.id}`}
                label={a.label}
                leftSection={<a.icon size={18} stroke={1.6} />}
                active={a.id === area}
                aria-current={a.id === area ? "page" : undefined}
                onClick={() => setArea(a.id)}
              />
            ))}
          </Stack>
          <TenantSwitcher />
        </AppShell.Section>
        <AppShell.Section>
          <Group justify="space-between" px="xs" pt="sm">
            <Text size="xs" c="dimmed" data-testid="app-version">
              {info ? `v${info.version}` : infoError ? "version unknown" : "…"}
            </Text>
            <ThemeToggle />
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box data-testid="main-pane" maw={1040}>
          {area === "setup" ? <Home info={info} infoError={infoError} /> : <AreaPlaceholder area={current} />}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
