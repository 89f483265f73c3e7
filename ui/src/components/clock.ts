// The one clock of the UI: "now" in epoch seconds, ticking for whoever shows a time that
// moves (a countdown). Tests replace it with fake timers, never by patching a screen.
import { useEffect, useState } from "react";

const nowSeconds = () => Date.now() / 1000;

/** Epoch seconds, updated every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(nowSeconds);
  useEffect(() => {
    const id = setInterval(() => setNow(nowSeconds()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** An epoch-seconds time in the user's locale and time zone. */
export const localTime = (epoch: number) => new Date(epoch * 1000).toLocaleString();
