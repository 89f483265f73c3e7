import { AppShell, Box, Group, Loader, NavLink, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { Suspense } from "react";
import { useDisclosure, useHotkeys } from "@mantine/hooks";
import type { AppInfo } from "../bindings/AppInfo";
import { AreaPlaceholder } from "../features/home/AreaPlaceholder";
import { Home } from "../features/home/Home";
import { useProfiles } from "../features/profiles/useProfiles";
import { AREAS, areaShortcut } from "./areas";
import { CommandPalette } from "./CommandPalette";
import { Logo } from "./Logo";
import { useNavigation, type Screen } from "./navigation";
import { ApiPage, ApisScreen, AppPage, AppsScreen, HistoryScreen, ProfileForm, TenantsScreen, TokenScreen, WizardScreen } from "./screens";
import { TenantBar, TenantSwitcher } from "./TenantSlot";
import { ThemeToggle } from "./ThemeToggle";

export function Frame({ info, infoError }: { info?: AppInfo; infoError?: string }) {
  const { screen, go } = useNavigation();
  const { active } = useProfiles();
  const [palette, { open, close }] = useDisclosure(false);
  useHotkeys([
    ["mod+K", open],
    ...AREAS.map((a, i): [string, () => void] => [areaShortcut(i).keys, () => go({ kind: "area", area: a.id })]),
  ]);
  const production = active?.environment === "production";

  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} header={{ height: 52 }} padding={0}>
      <AppShell.Header>
        <TenantBar onOpenPalette={open} />
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <AppShell.Section>
          <UnstyledButton onClick={() => go({ kind: "home" })} aria-label="Grantsmith home" data-testid="nav-home">
            <Group gap="xs" px="xs" pb="md" wrap="nowrap">
              <Logo size={28} />
              <Text fw={700} size="lg">
                Grantsmith
              </Text>
            </Group>
          </UnstyledButton>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {AREAS.map((a) => {
              const current = screen.kind === "area" && screen.area === a.id;
              return (
                <NavLink
                  key={a.id}
                  component="button"
                  data-testid={`nav-${a.id}`}
                  label={a.label}
                  leftSection={<a.icon size={18} stroke={1.6} />}
                  active={current}
                  aria-current={current ? "page" : undefined}
                  onClick={() => go({ kind: "area", area: a.id })}
                />
              );
            })}
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
        {production && (
          <Box bg="red.9" c="white" px="lg" py={6} data-testid="production-banner" role="status">
            <Text size="sm" fw={700}>
              PRODUCTION — {active?.name}: changes here affect live systems.
            </Text>
          </Box>
        )}
        <Box data-testid="main-pane" maw={1100} p="lg">
          <Suspense fallback={<Loader size="sm" aria-label="Opening" m="md" />}>
            <ScreenView screen={screen} info={info} infoError={infoError} />
          </Suspense>
        </Box>
      </AppShell.Main>
      <CommandPalette opened={palette} onClose={close} />
    </AppShell>
  );
}

function ScreenView({ screen, info, infoError }: { screen: Screen; info?: AppInfo; infoError?: string }) {
  const { data } = useProfiles();
  switch (screen.kind) {
    case "tenants":
      return <TenantsScreen />;
    case "add-tenant":
      return <ProfileForm />;
    case "edit-tenant": {
      const profile = data?.profiles.find((p) => p.id === screen.id);
      return profile ? <ProfileForm key={profile.id} editing={profile} /> : <TenantsScreen />;
    }
    case "home":
      return <Home info={info} infoError={infoError} />;
    case "area":
      if (screen.area === "wizard") return <WizardScreen />;
      if (screen.area === "apps") return screen.open ? <AppPage key={screen.open} clientId={screen.open} /> : <AppsScreen />;
      if (screen.area === "history") return <HistoryScreen />;
      if (screen.area === "token") return <TokenScreen key={JSON.stringify(screen.prefill ?? {})} prefill={screen.prefill} />;
      if (screen.area === "apis") return screen.open ? <ApiPage key={screen.open} audience={screen.open} /> : <ApisScreen />;
      return <AreaPlaceholder area={AREAS.find((a) => a.id === screen.area)!} />;
  }
}
