import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import MantineLayer from "../app/MantineLayer";
import { Providers } from "../app/Providers";

/** `ui` with the query cache and, as every screen past Home has, Mantine's provider. */
export function renderWithProviders(ui: ReactNode) {
  return render(
    <Providers>
      <MantineLayer>{ui}</MantineLayer>
    </Providers>,
  );
}
