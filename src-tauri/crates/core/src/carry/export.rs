//! One export: a setup written in a chosen format, with what the reader must know (the
//! per-tenant values, what was left out) and a file name to save it under.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Setup, deploy_cli, label, terraform};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Terraform,
    DeployCli,
}

/// Which tenant a setup came from, for the header of the code.
pub struct Origin<'a> {
    pub profile: &'a str,
    pub domain: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Export {
    pub format: ExportFormat,
    pub text: String,
    /// e.g. `orders_worker.tf`.
    pub file_name: String,
    /// What the reader must know before using it, in words.
    pub notes: Vec<String>,
}

pub fn export(setup: &Setup, format: ExportFormat, origin: &Origin) -> Export {
    let stem = label::slug(&setup.app.name, "setup");
    let (text, file_name, mut notes) = match format {
        ExportFormat::Terraform => (terraform::render(setup, origin), format!("{stem}.tf"), terraform::notes(setup)),
        ExportFormat::DeployCli => {
            (deploy_cli::render(setup, origin), format!("{stem}.yaml"), deploy_cli::notes(setup))
        }
    };
    if setup.grant.is_none() {
        notes.push(format!(
            "“{}” is not authorized for {}: there is no grant to export.",
            setup.app.name, setup.api.identifier
        ));
    }
    Export { format, text, file_name, notes }
}
