import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ConnectionReport } from "../../bindings/ConnectionReport";
import type { Profile } from "../../bindings/Profile";
import type { ProfileInput } from "../../bindings/ProfileInput";
import { useNavigation } from "../../app/navigation";
import { addProfile, checkProfileInput, CommandError, testNewConnection, updateProfile } from "../../ipc";
import { PROFILES_KEY, TENANT_KEY } from "./useProfiles";

export type Field = "name" | "domain" | "custom_domain" | "client_id" | "client_secret";

const EMPTY: ProfileInput = { name: "", domain: "", environment: "development", client_id: "", client_secret: "", session_only: false };

/**
 * The tenant form's state: the input, Rust's rules on it (debounced as the user types, shown
 * once a field was left or Save pressed), Test connection and Save. A refusal that names a
 * field (e.g. the secret must be typed again after a domain change) is shown on that field.
 */
export function useProfileForm(editing?: Profile) {
  const { go } = useNavigation();
  const client = useQueryClient();
  const [input, setInput] = useState<ProfileInput>(
    editing
      ? {
          ...EMPTY,
          name: editing.name,
          domain: editing.domain,
          custom_domain: editing.custom_domain,
          environment: editing.environment,
          client_id: editing.client_id,
        }
      : EMPTY,
  );
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [report, setReport] = useState<ConnectionReport>();
  const [submitted, setSubmitted] = useState(false);
  const [keychainProblem, setKeychainProblem] = useState<string>();

  const [debounced] = useDebouncedValue(input, 200);
  // The rules need to know only whether a secret was typed: the secret itself stays out of
  // the query cache's keys (every debounced prefix would sit there) and out of the check.
  const checkOf = (value: ProfileInput) => {
    const typed = Boolean(value.client_secret?.trim());
    const shown = { ...value, client_secret: typed ? "(typed)" : "" };
    return {
      queryKey: ["profile-check", { ...value, client_secret: typed }, editing?.id],
      queryFn: () => checkProfileInput(shown, editing?.id ?? null),
    };
  };
  // While a change is re-checked the last answer stays: otherwise Test connection would go
  // disabled for every keystroke's round trip and a click in that moment would be lost. Rust
  // checks the input again when it tests or saves, so a stale "valid" cannot let bad input through.
  const check = useQuery({ ...checkOf(debounced), placeholderData: keepPreviousData });

  const set = (f: keyof ProfileInput) => (value: string | boolean) => {
    setInput((i) => ({ ...i, [f]: value }));
    setReport(undefined);
  };
  const blur = (f: Field) => () => setTouched((t) => ({ ...t, [f]: true }));

  const test = useMutation({ mutationFn: () => testNewConnection(input, editing?.id ?? null), onSuccess: setReport });
  const save = useMutation({
    mutationFn: () => (editing ? updateProfile(editing.id, input) : addProfile(input)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: PROFILES_KEY });
      await client.invalidateQueries({ queryKey: TENANT_KEY });
      go({ kind: "tenants" });
    },
    onError: (e) => {
      if (e instanceof CommandError && e.error.kind === "keychain_unavailable") setKeychainProblem(e.message);
    },
  });
  // Save checks what is typed now, not the debounced value, so a quick Save is never lost.
  const onSave = async () => {
    setSubmitted(true);
    const now = await client.fetchQuery(checkOf(input));
    if (now.issues.length === 0) save.mutate();
  };

  const refusal = (e: unknown) => (e instanceof CommandError ? e : undefined);
  const saveError = refusal(save.error);
  const testError = refusal(test.error);
  const issueFor = (f: Field) =>
    (touched[f] || submitted ? check.data?.issues.find((i) => i.field === f)?.message : undefined) ??
    [saveError, testError].find((e) => e?.error.field === f)?.message;
  // Errors not shown on a field, nor as the keychain choice.
  const unplaced = (e?: CommandError) => (e && !e.error.field && e.error.kind !== "keychain_unavailable" ? e : undefined);

  return {
    input,
    set,
    blur,
    issueFor,
    warnings: check.data?.warnings ?? [],
    valid: (check.data?.issues.length ?? 1) === 0,
    test,
    testError: unplaced(testError),
    report,
    save,
    onSave,
    saveError: unplaced(saveError),
    keychainProblem,
    cancel: () => go({ kind: "tenants" }),
  };
}
