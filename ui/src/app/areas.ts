import { IconApps, IconHistory, IconKey, IconServer2, IconWand, type Icon } from "@tabler/icons-react";

export type AreaId = "wizard" | "token" | "apps" | "apis" | "history";

interface Area {
  id: AreaId;
  label: string;
  icon: Icon;
}

/** The keyboard shortcut of the area at `index` (Alt+1 …), shown in the palette. */
export const areaShortcut = (index: number) => ({ keys: `alt+${index + 1}`, label: `Alt ${index + 1}` });

export const AREAS: readonly Area[] = [
  { id: "wizard", label: "Setup", icon: IconWand },
  { id: "token", label: "Test token", icon: IconKey },
  { id: "apps", label: "Applications", icon: IconApps },
  { id: "apis", label: "APIs", icon: IconServer2 },
  { id: "history", label: "History", icon: IconHistory },
];
