import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import type { WizardSpec } from "../../bindings/WizardSpec";
import { wizardClearDraft, wizardDraft, wizardSaveDraft } from "../../ipc";
import { useProfiles } from "../profiles/useProfiles";

/**
 * The setup being typed, per tenant: loaded from Rust's draft (or its blank one) when the
 * tenant changes, saved as the user types so that closing the window loses nothing.
 * `saving` is off while a run shows (its spec is no longer a draft).
 */
export function useWizardDraft(saving: boolean) {
  const { active } = useProfiles();
  const [spec, setSpec] = useState<WizardSpec>();
  const [step, setStep] = useState(0);
  const loaded = useRef<string | null>(null);

  useEffect(() => {
    if (!active || loaded.current === active.id) return;
    loaded.current = null;
    void wizardDraft().then((d) => {
      setSpec(d.spec);
      setStep(d.step);
      loaded.current = active.id;
    });
  }, [active]);

  const [debounced] = useDebouncedValue(spec, 250);
  useEffect(() => {
    if (loaded.current && saving && debounced) void wizardSaveDraft(debounced, step);
  }, [debounced, step, saving]);

  /** Forgets the draft and starts from Rust's blank setup. */
  const restart = async () => {
    const blank = await wizardClearDraft();
    setSpec(blank.spec);
    setStep(blank.step);
  };

  return { spec, debounced, setSpec, step, setStep, restart };
}
