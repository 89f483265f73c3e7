import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { IndexProgress } from "../../bindings/IndexProgress";
import { indexRefresh, indexStatus } from "../../ipc";
import { useTenantKey } from "../profiles/useProfiles";

/**
 * The active tenant's local index: its status, and a refresh that streams progress. It is
 * built on first look and again once Grantsmith changed the tenant (`stale`); Refresh
 * reads it again on demand (changes made elsewhere). With `build` false it is only read:
 * a screen that may not need it does not read the whole tenant on arrival.
 */
export function useTenantIndex(build = true) {
  const key = useTenantKey();
  const client = useQueryClient();
  const status = useQuery({ queryKey: key("index-status"), queryFn: indexStatus });
  const [progress, setProgress] = useState<IndexProgress>();
  const refresh = useMutation({
    mutationFn: () => indexRefresh(setProgress),
    onSuccess: (s) => client.setQueryData(key("index-status"), s),
    onSettled: () => setProgress(undefined),
  });
  // Once per status that says stale (a failed build is not retried in a loop).
  const answered = useRef<number>(0);
  useEffect(() => {
    if (build && status.data?.stale && !refresh.isPending && answered.current !== status.dataUpdatedAt) {
      answered.current = status.dataUpdatedAt;
      refresh.mutate();
    }
  });
  return { status: status.data, error: status.error ?? refresh.error, progress, refresh, building: refresh.isPending };
}
