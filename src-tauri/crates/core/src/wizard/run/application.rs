//! The application's steps: create it (with the run's marker, so a resumed run finds the one
//! it made), or enable the Client Credentials grant on an existing one.

use grantsmith_auth0::Auth0Error;
use grantsmith_auth0::types::{ClientUpdate, NewClient};
use serde_json::{Map, Value};

use super::{Executor, Outcome, RUN_MARKER, StepResult, auth0, lost};
use crate::error::{ErrorKind, IpcError};
use crate::wizard::journal::{Recorded, RunStep};
use crate::wizard::spec::AppChoice;

impl Executor<'_> {
    pub(super) fn existing_client_id(&self) -> Result<String, IpcError> {
        match &self.spec.app {
            AppChoice::Existing { client_id } => Ok(client_id.trim().to_string()),
            AppChoice::New { .. } => Err(IpcError::new(ErrorKind::Internal, "This run creates its application.")),
        }
    }

    /// The application this run created, found by its marker.
    pub(super) async fn find_marked_client(&self) -> StepResult<Option<String>> {
        let apps = self.client.list_client_summaries(Some("non_interactive"), &mut |_| {}).await.map_err(auth0)?;
        Ok(apps
            .into_iter()
            .find(|c| c.client_metadata.get(RUN_MARKER).and_then(Value::as_str) == Some(self.run_id.as_str()))
            .map(|c| c.client_id))
    }

    pub(super) async fn create_application(&self, step: &RunStep, attempted: bool) -> StepResult<Outcome> {
        let adopt = |id: String| -> StepResult<Outcome> {
            self.record(Recorded::Client(&id))?;
            Ok(Outcome { object_id: Some(id), created: true })
        };
        if attempted {
            if let Some(id) = self.find_marked_client().await? {
                return adopt(id);
            }
            self.too_soon(step, "application")?;
        }
        let AppChoice::New { name, description } = &self.spec.app else {
            return Err(IpcError::new(ErrorKind::Internal, "no new application in this run").into());
        };
        let mut metadata = Map::new();
        metadata.insert(RUN_MARKER.into(), Value::String(self.run_id.clone()));
        let new = NewClient {
            description: Some(description.trim().to_string()).filter(|d| !d.is_empty()),
            client_metadata: metadata,
            ..NewClient::machine_to_machine(name.trim())
        };
        match self.client.create_client(&new).await {
            Ok(c) => {
                if let (Some((tokens, profile)), Some(secret)) = (self.secrets, c.client_secret) {
                    tokens.remember_secret(profile, &c.client_id, secret);
                }
                adopt(c.client_id)
            }
            Err(Auth0Error::Network { maybe_applied: true, message }) => match self.find_marked_client().await? {
                Some(id) => adopt(id),
                None => Err(lost("application", &message)),
            },
            Err(e) => Err(auth0(e)),
        }
    }

    pub(super) async fn enable_client_credentials(&self) -> StepResult<Outcome> {
        let id = self.existing_client_id()?;
        let c = self.client.get_client(&id).await.map_err(auth0)?;
        if !c.grant_types.iter().any(|g| g == "client_credentials") {
            let mut grant_types = c.grant_types.clone();
            grant_types.push("client_credentials".into());
            let update = ClientUpdate { grant_types: Some(grant_types), ..ClientUpdate::default() };
            self.client.update_client(&id, &update).await.map_err(auth0)?;
        }
        Ok(Outcome { object_id: Some(id), created: false })
    }
}
