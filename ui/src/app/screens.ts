// The screens beyond Home, loaded when first opened: the first screen then parses only what
// it shows (measured by `cargo xtask bench`: cold start against a bare Tauri app).
import { lazy } from "react";

export const WizardScreen = lazy(() => import("../features/wizard/WizardScreen").then((m) => ({ default: m.WizardScreen })));
export const TokenScreen = lazy(() => import("../features/token/TokenScreen").then((m) => ({ default: m.TokenScreen })));
export const AppsScreen = lazy(() => import("../features/apps/AppsScreen").then((m) => ({ default: m.AppsScreen })));
export const AppPage = lazy(() => import("../features/apps/AppPage").then((m) => ({ default: m.AppPage })));
export const ApisScreen = lazy(() => import("../features/apis/ApisScreen").then((m) => ({ default: m.ApisScreen })));
export const ApiPage = lazy(() => import("../features/apis/ApiPage").then((m) => ({ default: m.ApiPage })));
export const HistoryScreen = lazy(() => import("../features/history/HistoryScreen").then((m) => ({ default: m.HistoryScreen })));
export const TenantsScreen = lazy(() => import("../features/profiles/TenantsScreen").then((m) => ({ default: m.TenantsScreen })));
export const ProfileForm = lazy(() => import("../features/profiles/ProfileForm").then((m) => ({ default: m.ProfileForm })));
