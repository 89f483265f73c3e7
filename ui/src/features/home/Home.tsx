import { IconPlugConnected, IconWand } from "@tabler/icons-react";
import type { AppInfo } from "../../bindings/AppInfo";
import { Alert, Card, PlainButton } from "../../components/Plain";
import { useQuery } from "@tanstack/react-query";
import { useNavigation } from "../../app/navigation";
import { UNFINISHED } from "../../app/startup";
import { wizardUnfinished } from "../../ipc";
import { useTenantKey } from "../profiles/useProfiles";
import { InstallationCard } from "./InstallationCard";
import classes from "./Home.module.css";

/** First screen: what Grantsmith will do for you, and where to start. */
export function Home({ info, infoError }: { info?: AppInfo; infoError?: string }) {
  const key = useTenantKey();
  const { go } = useNavigation();
  const unfinished = useQuery({ queryKey: key(UNFINISHED), queryFn: wizardUnfinished });
  return (
    <div className={classes.screen}>
      {unfinished.data && (
        <Alert color="yellow" title="A setup did not finish" data-testid="home-unfinished">
          <div className={classes.split}>
            It can be resumed without creating duplicates, or undone.
            <PlainButton size="xs" onClick={() => go({ kind: "area", area: "wizard" })}>
              Open it
            </PlainButton>
          </div>
        </Alert>
      )}
      <div className={classes.intro}>
        <h1 className={classes.title}>Set up machine-to-machine access</h1>
        <p className={classes.lead}>
          A backend service, script or daemon that calls your API needs an access token of its own. Auth0 issues one through the Client
          Credentials grant once three things exist: a Machine to Machine
          <b> application</b> (the caller), an <b>API</b> with its permissions (scopes), and a <b>client grant</b> that authorizes the
          application for some of those permissions. The setup wizard creates them in order, shows you every change before it is made, and
          finishes with a verified test token.
        </p>
      </div>

      <Card className={classes.card}>
        <p className={classes.heading}>The wizard will</p>
        <ul className={classes.steps}>
          <li>create a Machine to Machine application, or use one you have;</li>
          <li>create an API with its identifier and signing algorithm (RS256 or HS256);</li>
          <li>define the permissions (scopes) the API offers;</li>
          <li>authorize the application for the permissions it needs;</li>
          <li>get a test token, verify it, and show quickstart code.</li>
        </ul>
        <div className={classes.actions}>
          <PlainButton left={<IconWand size={18} />} data-testid="home-start-wizard" onClick={() => go({ kind: "area", area: "wizard" })}>
            Start setup
          </PlainButton>
          <PlainButton
            variant="default"
            left={<IconPlugConnected size={18} />}
            onClick={() => go({ kind: "add-tenant" })}
            data-testid="home-connect-tenant"
          >
            Connect your Auth0 tenant
          </PlainButton>
        </div>
        <p className={classes.note}>
          New here? The Sandbox tenant runs on this computer and needs no Auth0 account: try the whole setup there first.
        </p>
      </Card>

      {infoError ? (
        <Alert color="red" title="Grantsmith could not describe its installation">
          {infoError}
        </Alert>
      ) : (
        <InstallationCard info={info} />
      )}
    </div>
  );
}
