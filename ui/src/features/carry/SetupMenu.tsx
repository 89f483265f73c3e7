// The "More" menu of one grant on the application page: what can be done with the setup
// (this application + this API + the grant) as a whole — export it as code.
import { ActionIcon, Menu } from "@mantine/core";
import { IconCode, IconDots } from "@tabler/icons-react";
import { useState } from "react";
import { ExportDialog } from "./ExportDialog";

type Open = "export" | undefined;

export function SetupMenu({ clientId, audience, apiName }: { clientId: string; audience: string; apiName: string }) {
  const [open, setOpen] = useState<Open>();
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
        </Menu.Dropdown>
      </Menu>
      <ExportDialog clientId={clientId} audience={audience} opened={open === "export"} onClose={() => setOpen(undefined)} />
    </>
  );
}
