// The "More" menu of one grant on the application page: what can be done with the setup
// (this application + this API + the grant) as a whole — export it as code, promote it to
// another tenant, check it for drift against what was recorded.
import { ActionIcon, Menu } from "@mantine/core";
import { IconArrowsExchange, IconCode, IconDots, IconGitCompare } from "@tabler/icons-react";
import { useState } from "react";
import { DriftDialog } from "./DriftDialog";
import { ExportDialog } from "./ExportDialog";
import { PromoteDialog } from "./PromoteDialog";

type Open = "export" | "promote" | "drift" | undefined;

export function SetupMenu({ clientId, audience, apiName }: { clientId: string; audience: string; apiName: string }) {
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" aria-label={`More for the setup with ${apiName}`} data-testid="app-grant-more">
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconCode size={14} />} onClick={() => setOpen("export")} data-testid="app-grant-export">
            Export as code…
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowsExchange size={14} />} onClick={() => setOpen("promote")} data-testid="app-grant-promote">
            Promote to another tenant…
          </Menu.Item>
          <Menu.Item leftSection={<IconGitCompare size={14} />} onClick={() => setOpen("drift")} data-testid="drift-check">
            Check drift
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ExportDialog clientId={clientId} audience={audience} opened={open === "export"} onClose={close} />
      <PromoteDialog clientId={clientId} audience={audience} opened={open === "promote"} onClose={close} />
      <DriftDialog clientId={clientId} audience={audience} opened={open === "drift"} onClose={close} />
    </>
  );
}
