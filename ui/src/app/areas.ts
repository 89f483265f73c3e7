import {
  IconApps,
  IconHistory,
  IconKey,
  IconServer2,
  IconWand,
  type Icon,
} from "@tabler/icons-react";

export type AreaId = "wizard" | "token" | "apps" | "apis" | "history";

export interface Area {
  id: AreaId;
  label: string;
  icon: Icon;
  /** One line saying what the area is for, shown as its subtitle. */
  hint: string;
}

/** The keyboard shortcut of the area at `index` (Alt+1 …), shown in the palette. */
export const areaShortcut = (index: number) => ({ keys: `alt+${index + 1}`, label: `Alt ${index + 1}` });

export const AREAS: readonly Area[] = [
  { id: "wizard", label: "Setup", icon: IconWand, hint: "Set up machine-to-machine access step by step." },
  { id: "token", label: "Test token", icon: IconKey, hint: "Get a token for an application and API, verified and explained." },
  { id: "apps", label: "Applications", icon: IconApps, hint: "The tenant's Machine to Machine applications." },
  { id: "apis", label: "APIs", icon: IconServer2, hint: "The tenant's APIs (resource servers) and their permissions." },
  { id: "history", label: "History", icon: IconHistory, hint: "Every change Grantsmith made, and setups you can resume or undo." },
];
