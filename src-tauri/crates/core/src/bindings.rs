//! The list of every type that crosses IPC, exported to TypeScript by one exporter
//! (`grantsmith-bindings`, run by `cargo xtask bindings`). 64-bit integers become `number`:
//! JSON over IPC never carries a `bigint`.

use std::path::Path;

use ts_rs::{Config, TS};

pub fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    crate::error::IpcError::export_all(&cfg)?;
    crate::app_info::AppInfo::export_all(&cfg)?;
    crate::settings::ColorScheme::export_all(&cfg)?;
    crate::tenants::ProfilesView::export_all(&cfg)?;
    crate::profiles::ProfileInput::export_all(&cfg)?;
    crate::profiles::InputCheck::export_all(&cfg)?;
    crate::profiles::ConnectionReport::export_all(&cfg)?;
    crate::apps::AppSummary::export_all(&cfg)?;
    crate::apps::ApiSummary::export_all(&cfg)?;
    crate::wizard::WizardSpec::export_all(&cfg)?;
    crate::wizard::SpecCheck::export_all(&cfg)?;
    crate::wizard::Plan::export_all(&cfg)?;
    crate::wizard::RunView::export_all(&cfg)?;
    crate::change::RunReview::export_all(&cfg)?;
    crate::wizard::WizardDraft::export_all(&cfg)?;
    crate::token::TokenAsk::export_all(&cfg)?;
    crate::token::TokenReport::export_all(&cfg)?;
    crate::quickstart::QuickstartInput::export_all(&cfg)?;
    crate::quickstart::Snippet::export_all(&cfg)?;
    Ok(())
}
