import { lazy, Suspense, useState } from "react";
import { useDisclosure, useHotkeys } from "@mantine/hooks";
import type { AppInfo } from "../bindings/AppInfo";
import { Loading } from "../components/Plain";
import { Home } from "../features/home/Home";
import { useProfiles } from "../features/profiles/useProfiles";
import { AREAS, areaShortcut } from "./areas";
import classes from "./Frame.module.css";
import { Logo } from "./Logo";
import { useNavigation, type Screen } from "./navigation";
import { ApiPage, ApisScreen, AppPage, AppsScreen, HistoryScreen, ProfileForm, TenantsScreen, TokenScreen, WizardScreen } from "./screens";
import { TenantBar, TenantSwitcher } from "./TenantSlot";
import { ThemeToggle } from "./ThemeToggle";
import { WithMantine } from "./withMantine";

const CommandPalette = lazy(() => import("./CommandPalette").then((m) => ({ default: m.CommandPalette })));

export function Frame({ info, infoError }: { info?: AppInfo; infoError?: string }) {
  const { screen, go, pending } = useNavigation();
  const { active } = useProfiles();
  const [palette, { open, close }] = useDisclosure(false);
  useHotkeys([
    ["mod+K", open],
    ...AREAS.map((a, i): [string, () => void] => [areaShortcut(i).keys, () => go({ kind: "area", area: a.id })]),
  ]);
  const production = active?.environment === "production";
  // Home and the frame are plain elements; the other screens and the palette are Mantine's,
  // each part under Mantine's provider from the first time it is needed on (going back and
  // forth would mount the provider again at every step). The palette has a provider of its
  // own: opening it on Home must not move Home under one.
  const screens = useOnceTrue(screen.kind !== "home");
  const paletteUsed = useOnceTrue(palette);
  const view = <ScreenView screen={screen} info={info} infoError={infoError} />;

  return (
    <>
      <header className={classes.header}>
        <TenantBar onOpenPalette={open} paletteOpen={palette} />
      </header>

      <nav className={classes.navbar} aria-label="Main navigation">
        <button
          type="button"
          className={`${classes.plain} mantine-focus-auto`}
          onClick={() => go({ kind: "home" })}
          aria-label="Grantsmith home"
          data-testid="nav-home"
        >
          <span className={classes.brand}>
            <Logo size={28} />
            Grantsmith
          </span>
        </button>
        <div className={classes.links}>
          {AREAS.map((a) => {
            const current = screen.kind === "area" && screen.area === a.id;
            return (
              <button
                key={a.id}
                type="button"
                className={`${classes.link} mantine-focus-auto`}
                data-testid={`nav-${a.id}`}
                aria-current={current ? "page" : undefined}
                onClick={() => go({ kind: "area", area: a.id })}
              >
                <a.icon size={18} stroke={1.6} aria-hidden />
                {a.label}
              </button>
            );
          })}
          <TenantSwitcher />
        </div>
        <div className={classes.foot}>
          <span className={`${classes.small} ${classes.dimmed}`} data-testid="app-version">
            {info ? `v${info.version}` : infoError ? "version unknown" : "…"}
          </span>
          <ThemeToggle />
        </div>
      </nav>

      <main className={classes.main}>
        {production && (
          <div className={classes.banner} data-testid="production-banner" role="status">
            PRODUCTION — {active?.name}: changes here affect live systems.
          </div>
        )}
        <div className={classes.pane} data-testid="main-pane" aria-busy={pending || undefined}>
          {/* One boundary from the start: while a screen's code loads, the transition
              (navigation.tsx) keeps the current screen on show rather than this fallback. */}
          <Suspense fallback={<Loading />}>{screens ? <WithMantine>{view}</WithMantine> : view}</Suspense>
        </div>
      </main>
      {paletteUsed && (
        <Suspense>
          <WithMantine>
            <CommandPalette opened={palette} onClose={close} />
          </WithMantine>
        </Suspense>
      )}
    </>
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
      switch (screen.area) {
        case "wizard":
          return <WizardScreen />;
        case "apps":
          return screen.open ? <AppPage key={screen.open} clientId={screen.open} /> : <AppsScreen />;
        case "history":
          return <HistoryScreen />;
        case "token":
          return <TokenScreen key={JSON.stringify(screen.prefill ?? {})} prefill={screen.prefill} />;
        case "apis":
          return screen.open ? <ApiPage key={screen.open} audience={screen.open} /> : <ApisScreen />;
      }
  }
}

/** True from the first render where `now` is, on. */
function useOnceTrue(now: boolean): boolean {
  const [been, setBeen] = useState(now);
  if (now && !been) setBeen(true);
  return been || now;
}
