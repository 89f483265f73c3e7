import { IconPlus, IconSettings } from "@tabler/icons-react";
import { envColor, envLabel } from "../features/profiles/environment";
import { useProfiles, useSwitchProfile } from "../features/profiles/useProfiles";
import type { Environment } from "../bindings/Environment";
import { Badge, Hint, Kbd, PlainButton } from "../components/Plain";
import classes from "./Frame.module.css";
import { useNavigation } from "./navigation";

/**
 * The active tenant, always visible: name, domain, environment; ⌘K to switch. `paletteOpen`
 * hides the button's tooltip while the palette is open (it would cover the palette's field).
 */
export function TenantBar({ onOpenPalette, paletteOpen }: { onOpenPalette: () => void; paletteOpen: boolean }) {
  const { active, error } = useProfiles();
  return (
    <>
      <div className={classes.row} data-testid="tenant-bar">
        {active ? (
          <>
            <Dot environment={active.environment} size={10} />
            <span className={`${classes.truncate} ${classes.strong}`} data-testid="active-tenant-name">
              {active.name}
            </span>
            <span className={`${classes.truncate} ${classes.dimmed} ${classes.code}`} data-testid="active-tenant-domain">
              {active.domain}
            </span>
            <Badge color={envColor(active.environment)} data-testid="active-tenant-env">
              {envLabel(active.environment)}
            </Badge>
          </>
        ) : (
          <span className={error ? classes.failed : classes.dimmed}>{error ? error.message : "Loading tenants…"}</span>
        )}
      </div>
      <Hint label="Switch tenant, start setup, find an application (Ctrl+K)" disabled={paletteOpen}>
        <PlainButton variant="default" size="xs" onClick={onOpenPalette} right={<Kbd>Ctrl K</Kbd>} data-testid="open-palette">
          Go to…
        </PlainButton>
      </Hint>
    </>
  );
}

/** The tenant list below the navigation: one click switches. */
export function TenantSwitcher() {
  const { data, error } = useProfiles();
  const switcher = useSwitchProfile();
  const { go } = useNavigation();
  return (
    <div className={classes.tenants} data-testid="tenant-switcher" role="group" aria-label="Tenants">
      <div className={classes.heading}>
        Tenants
        <Hint label="Manage tenants">
          <button
            type="button"
            className={`${classes.plain} mantine-focus-auto`}
            aria-label="Manage tenants"
            onClick={() => go({ kind: "tenants" })}
            data-testid="manage-tenants"
          >
            <IconSettings size={14} />
          </button>
        </Hint>
      </div>
      {error && <p className={classes.problem}>{error.message}</p>}
      {data?.profiles.map((p) => {
        const active = p.id === data.active_id;
        return (
          <button
            key={p.id}
            type="button"
            className={`${classes.link} mantine-focus-auto`}
            onClick={() => !active && switcher.mutate(p.id)}
            data-testid={`tenant-${p.id}`}
            aria-current={active ? "true" : undefined}
            aria-label={`Switch to ${p.name} (${envLabel(p.environment)})`}
          >
            <Dot environment={p.environment} size={8} />
            <span className={classes.truncate}>{p.name}</span>
          </button>
        );
      })}
      <PlainButton
        variant="subtle"
        size="xs"
        left={<IconPlus size={14} />}
        onClick={() => go({ kind: "add-tenant" })}
        data-testid="add-tenant"
      >
        Add tenant
      </PlainButton>
    </div>
  );
}

/** The environment's colour as a dot beside a tenant's name. */
function Dot({ environment, size }: { environment: Environment; size: number }) {
  const background = `var(--mantine-color-${envColor(environment)}-6)`;
  return <span className={classes.dot} style={{ width: size, height: size, background }} aria-hidden />;
}
