/** What the export, promote and drift dialogs are opened with: one setup (an application and an API) on the active tenant. */
export type SetupDialogProps = { clientId: string; audience: string; opened: boolean; onClose: () => void };
