import type { ReactNode } from "react";
import type { AppInfo } from "../../bindings/AppInfo";
import { CopyValue } from "../../components/CopyValue";
import { Badge, Card, Skeleton } from "../../components/Plain";
import classes from "./Home.module.css";

/** Where this installation keeps its data, and whether the keychain answers (on Home). */
export function InstallationCard({ info }: { info?: AppInfo }) {
  return (
    <Card data-testid="installation">
      <p className={classes.heading}>This installation</p>
      {info ? (
        <dl className={classes.facts}>
          <Fact label="Version">{info.version}</Fact>
          <Fact label="Database">
            <CopyValue value={info.database} what="database path" testId="app-database" size="sm" />
          </Fact>
          <Fact label="Schema version">{info.schema_version}</Fact>
          <dt>Secrets</dt>
          <dd data-testid="keychain-status">
            {info.keychain.available ? <Badge color="green">Keychain ready</Badge> : <Badge color="orange">Keychain unavailable</Badge>}
            <span className={classes.dimmed}>
              {info.keychain.available ? `stored in the system keychain (service ${info.keychain.service})` : info.keychain.problem}
            </span>
          </dd>
        </dl>
      ) : (
        <Skeleton height={96} label="Loading installation details" className={classes.pending} />
      )}
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
