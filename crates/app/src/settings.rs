//! Settings: defaults, then `tremplin.toml` (or the file given with `--config`), then
//! `TREMPLIN_*` environment variables. A wrong value stops start-up with the key's name.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::SocketAddr;
use std::path::Path;
use tremplin_domain::privacy::RetentionPolicy;

/// The names of every setting, as in the file and (upper-cased, after `TREMPLIN_`) the environment.
pub const KEYS: [&str; 22] = [
    "database_url",
    "bind",
    "base_url",
    "trust_proxy",
    "mail_transport",
    "mail_from",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_username",
    "smtp_password",
    "log_format",
    "run_worker",
    "worker_interval_secs",
    "rate_limits",
    "retention_registrations_months",
    "retention_coaching_months",
    "retention_inactive_accounts_months",
    "retention_introductions_months",
    "retention_reports_months",
    "retention_access_log_months",
    "retention_sent_mail_days",
];

/// Every setting, with its default (documented in the README).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://path/to/file.db` (created if missing) or `postgres://user@host/db`.
    pub database_url: String,
    /// Address and port to listen on.
    pub bind: String,
    /// Public URL of the site, used in e-mails and for the origin check; empty means
    /// `http://` followed by `bind`.
    pub base_url: String,
    /// Trust `X-Forwarded-For` from a reverse proxy.
    pub trust_proxy: bool,
    /// `log` (development: e-mails written to the log) or `smtp`.
    pub mail_transport: String,
    /// Sender of e-mails.
    pub mail_from: String,
    /// SMTP server.
    pub smtp_host: String,
    /// SMTP port.
    pub smtp_port: u16,
    /// `starttls`, `tls` or `none`.
    pub smtp_security: String,
    /// SMTP login.
    pub smtp_username: Option<String>,
    /// SMTP password (never printed).
    pub smtp_password: Option<String>,
    /// `text` or `json`.
    pub log_format: String,
    /// Run the background worker (outbox, clean-ups) inside `serve`.
    pub run_worker: bool,
    /// Seconds between two rounds of the worker.
    pub worker_interval_secs: u64,
    /// Per-client and per-address rate limits (login, sign-up, registration, booking,
    /// introductions); turn off only for benchmarks.
    pub rate_limits: bool,
    /// Months after a workshop before its registrations are anonymised.
    pub retention_registrations_months: u32,
    /// Months after the last appointment before a coaching follow-up is erased.
    pub retention_coaching_months: u32,
    /// Months without a login before an account is erased.
    pub retention_inactive_accounts_months: u32,
    /// Months after closing before an introduction is erased.
    pub retention_introductions_months: u32,
    /// Months after closing before a report is erased.
    pub retention_reports_months: u32,
    /// Months the staff access log is kept.
    pub retention_access_log_months: u32,
    /// Days a sent e-mail stays in the outbox.
    pub retention_sent_mail_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        let retention = RetentionPolicy::default();
        Settings {
            database_url: "sqlite://data/tremplin.db".into(),
            bind: "127.0.0.1:8080".into(),
            base_url: String::new(),
            trust_proxy: false,
            mail_transport: "log".into(),
            mail_from: "Tremplin <ne-pas-repondre@tremplin.localhost>".into(),
            smtp_host: "localhost".into(),
            smtp_port: 587,
            smtp_security: "starttls".into(),
            smtp_username: None,
            smtp_password: None,
            log_format: "text".into(),
            run_worker: true,
            worker_interval_secs: 5,
            rate_limits: true,
            retention_registrations_months: retention.registrations_months,
            retention_coaching_months: retention.coaching_months,
            retention_inactive_accounts_months: retention.inactive_accounts_months,
            retention_introductions_months: retention.introductions_months,
            retention_reports_months: retention.reports_months,
            retention_access_log_months: retention.access_log_months,
            retention_sent_mail_days: retention.sent_mail_days,
        }
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("base_url", &self.base_url)
            .field("trust_proxy", &self.trust_proxy)
            .field("mail_transport", &self.mail_transport)
            .field("mail_from", &self.mail_from)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_security", &self.smtp_security)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "***"))
            .field("log_format", &self.log_format)
            .field("run_worker", &self.run_worker)
            .field("worker_interval_secs", &self.worker_interval_secs)
            .field("rate_limits", &self.rate_limits)
            .field("retention", &self.retention())
            .finish()
    }
}

/// The full setting name of a retention period (`retention_` + its name in the policy).
fn retention_key(period: &str) -> &'static str {
    KEYS.iter().find(|k| k.strip_prefix("retention_") == Some(period)).copied().unwrap_or("retention")
}

/// A database URL without its password.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A setting with a wrong value.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting `{key}`: {reason}")]
pub struct SettingError {
    key: &'static str,
    reason: String,
}

fn invalid(key: &'static str, reason: impl Into<String>) -> SettingError {
    SettingError { key, reason: reason.into() }
}

impl Settings {
    /// Reads the settings from `file` (if it exists) and the environment.
    pub fn load(file: &Path) -> Result<Settings, anyhow::Error> {
        // Other TREMPLIN_* variables (TREMPLIN_CONFIG, TREMPLIN_LOG, test and tool variables)
        // are not settings; one that looks like a misspelt setting is worth a warning.
        for (name, _) in std::env::vars() {
            if let Some(key) = name.strip_prefix("TREMPLIN_").map(str::to_lowercase)
                && !KEYS.contains(&key.as_str())
                && (key.starts_with("smtp")
                    || key.starts_with("mail")
                    || key.starts_with("data")
                    || key.starts_with("base")
                    || key.starts_with("worker")
                    || key.starts_with("retention")
                    || key.starts_with("rate"))
            {
                eprintln!("warning: {name} is not a setting and is ignored (settings: {})", KEYS.join(", "));
            }
        }
        let settings: Settings = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("TREMPLIN_").only(&KEYS))
            .extract()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks values that a type alone does not.
    pub fn validate(&self) -> Result<(), SettingError> {
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            return Err(invalid("database_url", "must start with sqlite: or postgres://"));
        }
        self.bind.parse::<SocketAddr>().map_err(|e| invalid("bind", format!("{e} (expected an address such as 127.0.0.1:8080)")))?;
        if !(self.base_url.is_empty() || self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(invalid("base_url", "must start with http:// or https://"));
        }
        if !matches!(self.mail_transport.as_str(), "log" | "smtp") {
            return Err(invalid("mail_transport", "must be log or smtp"));
        }
        if !matches!(self.smtp_security.as_str(), "starttls" | "tls" | "none") {
            return Err(invalid("smtp_security", "must be starttls, tls or none"));
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(invalid("mail_from", "must be an address such as Tremplin <ne-pas-repondre@example.fr>"));
        }
        if !matches!(self.log_format.as_str(), "text" | "json") {
            return Err(invalid("log_format", "must be text or json"));
        }
        if self.worker_interval_secs == 0 {
            return Err(invalid("worker_interval_secs", "must be at least 1"));
        }
        for (key, value, _) in self.retention().periods() {
            if value == 0 {
                return Err(invalid(retention_key(key), "must be at least 1"));
            }
        }
        Ok(())
    }

    /// The retention periods.
    pub fn retention(&self) -> RetentionPolicy {
        RetentionPolicy {
            registrations_months: self.retention_registrations_months,
            coaching_months: self.retention_coaching_months,
            inactive_accounts_months: self.retention_inactive_accounts_months,
            introductions_months: self.retention_introductions_months,
            reports_months: self.retention_reports_months,
            access_log_months: self.retention_access_log_months,
            sent_mail_days: self.retention_sent_mail_days,
        }
    }

    /// The site URL without a trailing slash.
    pub fn base_url(&self) -> String {
        if self.base_url.is_empty() {
            return format!("http://{}", self.bind);
        }
        self.base_url.trim_end_matches('/').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_errors_name_the_key() {
        Settings::default().validate().expect("defaults are valid");
        let bad = Settings { bind: "nowhere".into(), ..Settings::default() };
        assert!(bad.validate().expect_err("invalid").to_string().contains("`bind`"));
        let bad = Settings { mail_transport: "pigeon".into(), ..Settings::default() };
        assert!(bad.validate().expect_err("invalid").to_string().contains("`mail_transport`"));
        assert_eq!(redact_url("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        let shown = format!("{:?}", Settings { smtp_password: Some("hunter2".into()), ..Settings::default() });
        assert!(!shown.contains("hunter2"));
    }
}
