import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useNavigation, type Screen } from "../../app/navigation";
import type { Profile } from "../../bindings/Profile";
import type { ProfilesView } from "../../bindings/ProfilesView";
import { listProfiles, switchProfile } from "../../ipc";

export const PROFILES_KEY = ["profiles"] as const;
/** Everything read from a tenant lives under this key, so a switch refetches it all. */
export const TENANT_KEY = ["tenant"] as const;

export function useProfiles() {
  // Only what callers read: TanStack Query re-renders a component for the fields it touched,
  // and spreading the result touches them all — every background refetch (each screen that
  // mounts asks again) then re-rendered the whole frame.
  const { data, error } = useQuery({ queryKey: PROFILES_KEY, queryFn: listProfiles });
  return { data, error, active: activeProfile(data) };
}

export function activeProfile(view: ProfilesView | undefined): Profile | undefined {
  return view?.profiles.find((p) => p.id === view.active_id);
}

export function useSwitchProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: switchProfile,
    onSuccess: (view) => {
      client.setQueryData(PROFILES_KEY, view);
      void client.invalidateQueries({ queryKey: TENANT_KEY });
    },
  });
}

/**
 * Query keys for data read from the active tenant: under TENANT_KEY (a switch invalidates
 * them) and the profile id (another tenant's data is never shown while refetching).
 */
export function useTenantKey() {
  const { active } = useProfiles();
  return (...parts: unknown[]) => tenantKey(active?.id, ...parts);
}

/** The key of `parts` read from the tenant `activeId` (see `useTenantKey`). */
export function tenantKey(activeId: string | undefined, ...parts: unknown[]) {
  return [...TENANT_KEY, activeId ?? "none", ...parts];
}

/**
 * `useTenantKey` for a page of one tenant object: switching to another tenant leaves the
 * page for `to` (the object belongs to the tenant it was opened on).
 */
export function useLeaveOnSwitch(to: Screen) {
  const { active } = useProfiles();
  const { go } = useNavigation();
  const opened = useRef(active?.id);
  useEffect(() => {
    opened.current ??= active?.id;
    if (active && active.id !== opened.current) go(to);
  });
  return useTenantKey();
}
