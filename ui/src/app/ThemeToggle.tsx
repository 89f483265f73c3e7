import { IconDeviceDesktop, IconMoon, IconSun } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { ColorScheme } from "../bindings/ColorScheme";
import { Hint, IconButton } from "../components/Plain";
import { getColorScheme, setColorScheme as saveColorScheme } from "../ipc";
import classes from "./Frame.module.css";
import { setColorScheme, useColorScheme } from "./colorScheme";
import { COLOR_SCHEME_KEY } from "./startup";

const CHOICES: { value: ColorScheme; label: string; icon: typeof IconSun }[] = [
  { value: "auto", label: "Follow the system theme", icon: IconDeviceDesktop },
  { value: "light", label: "Light theme", icon: IconSun },
  { value: "dark", label: "Dark theme", icon: IconMoon },
];

/** Light / dark / follow the OS; the choice is saved by Rust and applied once saved. */
export function ThemeToggle() {
  const colorScheme = useColorScheme();
  const saved = useQuery({ queryKey: COLOR_SCHEME_KEY, queryFn: getColorScheme, staleTime: Infinity });
  const [error, setError] = useState<string>();

  // Apply the saved choice once when it arrives (later answers must not undo the user's next
  // choice).
  const applied = useRef(false);
  useEffect(() => {
    if (saved.data && !applied.current) {
      applied.current = true;
      // Usually already applied: the window starts in the saved scheme (`readStartup`).
      if (saved.data !== colorScheme) setColorScheme(saved.data);
    }
  });

  const choose = async (value: ColorScheme) => {
    try {
      await saveColorScheme(value);
      setError(undefined);
      setColorScheme(value);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className={classes.choices} role="radiogroup" aria-label="Colour theme">
      {CHOICES.map((c) => (
        <Hint key={c.value} label={error ?? c.label} tone={error ? "red" : undefined}>
          <IconButton
            variant={colorScheme === c.value ? "light" : "subtle"}
            tone={error ? "red" : "gray"}
            role="radio"
            aria-checked={colorScheme === c.value}
            aria-label={c.label}
            data-testid={`theme-${c.value}`}
            onClick={() => void choose(c.value)}
          >
            <c.icon size={15} />
          </IconButton>
        </Hint>
      ))}
    </div>
  );
}
