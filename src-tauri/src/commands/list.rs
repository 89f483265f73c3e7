// The one list of commands the webview may call: `module::name(arguments) -> answer`, and
// `streams T` when the command takes an `on_update: Channel<T>` for progress.
//
// Everything else is made from this list, by whoever includes it with its own `commands!`:
// - `build.rs`: the app manifest (one `allow-<name>` permission per command);
// - `commands/mod.rs`: the handler registration and the names the shell tests walk;
// - `grantsmith-bindings` (core): `ui/src/ipc/commands.ts`, typed wrappers with these
//   argument names and the ts-rs types, and `capabilities/main.json`, which grants exactly
//   these. `cargo xtask bindings` writes both; `cargo xtask test` fails when they drift.
//
// A new command: write it in its module, add one line here, run `cargo xtask bindings`.
// Argument types name core's DTOs (or std types); each consumer brings them into scope.
commands! {
    app::app_info() -> AppInfo;
    app::first_painted(page_ms: f64) -> ();
    settings::get_color_scheme() -> ColorScheme;
    settings::set_color_scheme(scheme: ColorScheme) -> ();

    profiles::list_profiles() -> ProfilesView;
    profiles::switch_profile(id: String) -> ProfilesView;
    profiles::check_profile_input(input: ProfileInput, editing: Option<String>) -> InputCheck;
    profiles::add_profile(input: ProfileInput) -> Profile;
    profiles::update_profile(id: String, input: ProfileInput) -> Profile;
    profiles::remove_profile(id: String) -> ProfilesView;
    profiles::test_profile_connection(id: String) -> ConnectionReport;
    profiles::test_new_connection(input: ProfileInput, editing: Option<String>) -> ConnectionReport;
    profiles::reset_sandbox() -> ();
    profiles::permission_guide() -> Vec<PermissionCheck>;

    apps::app_detail(client_id: String) -> AppDetail;
    apps::api_detail(audience: String) -> ApiDetail;
    changes::plan_change(request: ChangeRequest) -> ChangePlan;
    changes::apply_change(reviewed: ChangePlan, confirm: Option<String>) streams ChangeView -> ChangeOutcome;
    changes::reveal_secret(client_id: String) -> String;
    clipboard::copy_secret(text: String) -> ();
    journal::journal(filter: JournalFilter) -> Vec<JournalEntry>;
    journal::journal_export(filter: JournalFilter) -> JournalExport;
    carry::export_setup(client_id: String, audience: String, format: ExportFormat) -> Export;
    carry::save_export(document: Document) -> Option<String>;
    carry::promote_preview(ask: PromoteAsk) streams IndexProgress -> PromotePreview;
    carry::drift_check(client_id: String, audience: String) -> DriftReport;
    carry::drift_accept(client_id: String, audience: String) -> DriftReport;
    carry::promote_apply(ask: PromoteAsk, reviewed: Plan, confirm: Option<String>) streams RunView -> RunView;
    index::index_status() -> IndexStatus;
    index::index_refresh() streams IndexProgress -> IndexStatus;
    index::index_applications(search: String, app_type: Option<String>, offset: u32, limit: u32) -> AppPage;
    index::index_apis(search: String) -> Vec<IndexedApi>;

    token::test_token(ask: TokenAsk) -> TokenReport;
    token::inspect_token(token: String) -> TokenReport;
    token::plan_token_fix(fix: Fix) -> Plan;
    token::apply_token_fix(fix: Fix, reviewed: Plan, confirm: Option<String>) streams RunView -> RunView;
    token::quickstart(client_id: String, audience: String) -> Vec<Snippet>;

    wizard::wizard_check(spec: WizardSpec) -> SpecCheck;
    wizard::wizard_parse_scopes(text: String) -> Vec<ScopeSpec>;
    wizard::list_apis() -> Vec<ApiSummary>;
    wizard::wizard_plan(spec: WizardSpec) -> Plan;
    wizard::wizard_apply(spec: WizardSpec, reviewed: Plan, confirm: Option<String>) streams RunView -> RunView;
    wizard::run_review(run_id: String) -> RunReview;
    wizard::wizard_resume(run_id: String, accepted: Vec<String>, confirm: Option<String>) streams RunView -> RunView;
    wizard::wizard_undo(run_id: String, confirm: Option<String>) streams RunView -> RunView;
    wizard::wizard_unfinished() -> Option<RunView>;
    wizard::wizard_draft() -> WizardDraft;
    wizard::wizard_save_draft(spec: WizardSpec, step: u32) -> ();
    wizard::wizard_clear_draft() -> WizardDraft;
}
