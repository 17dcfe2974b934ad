//! A small blocking client for OpenSearch's REST API (ureq): JSON in, JSON out, status codes
//! kept as values so callers decide what a refusal means.
//!
//! Credentials come from the environment only (`BALISE_OPENSEARCH_USER`,
//! `BALISE_OPENSEARCH_PASSWORD`): a password on the command line would land in the shell
//! history and in `ps`, so an address with `user:password@` is refused.

use std::time::Duration;

use base64::Engine;
use serde_json::Value;

pub const USER_VAR: &str = "BALISE_OPENSEARCH_USER";
pub const PASSWORD_VAR: &str = "BALISE_OPENSEARCH_PASSWORD";

/// Largest answer read: a bulk answer for a batch is a few hundred kilobytes.
const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// A cluster's address and credentials.
#[derive(Clone)]
pub struct Client {
    base: String,
    authorization: Option<String>,
    agent: ureq::Agent,
}

/// An answer: the HTTP status and the JSON body (`Null` when the body is not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// OpenSearch's reason for a refusal, or the status.
    pub fn reason(&self) -> String {
        let error = &self.body["error"];
        let reason = error["reason"]
            .as_str()
            .or_else(|| error.as_str())
            .unwrap_or("no reason given");
        format!("HTTP {}: {reason}", self.status)
    }
}

impl Client {
    /// A client for `url` (`http://127.0.0.1:9200`, `https://search.example.gouv.fr`), with the
    /// credentials of the environment if both variables are set.
    pub fn new(url: &str) -> Result<Client, String> {
        let user = std::env::var(USER_VAR).ok().filter(|u| !u.is_empty());
        let password = std::env::var(PASSWORD_VAR).ok();
        Client::with_credentials(url, user.zip(password))
    }

    pub fn with_credentials(
        url: &str,
        credentials: Option<(String, String)>,
    ) -> Result<Client, String> {
        let base = url.trim_end_matches('/').to_string();
        let Some((_, rest)) = base.split_once("://") else {
            return Err(format!(
                "`{url}` is not an http(s) address (write http://host:9200)"
            ));
        };
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(format!("`{url}` is not an http(s) address"));
        }
        if rest.split('/').next().unwrap_or("").contains('@') {
            return Err(format!(
                "credentials do not go in the address: set {USER_VAR} and {PASSWORD_VAR} instead"
            ));
        }
        let authorization = credentials.map(|(user, password)| {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            format!("Basic {token}")
        });
        let agent = ureq::Agent::config_builder()
            // Statuses are answers to read (429 is retried, 404 is "no such index").
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            // A bulk batch or a refresh on a busy cluster can take a while.
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Ok(Client {
            base,
            authorization,
            agent,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends a request; `body` is JSON, or NDJSON for `_bulk`.
    pub fn send(&self, method: &str, path: &str, body: Option<&str>) -> Result<Answer, String> {
        let url = format!("{}/{}", self.base, path.trim_start_matches('/'));
        let content_type = if path.contains("_bulk") {
            "application/x-ndjson"
        } else {
            "application/json"
        };
        let result = match (method, body) {
            ("GET", _) => self.with_auth(self.agent.get(&url)).call(),
            ("DELETE", _) => self.with_auth(self.agent.delete(&url)).call(),
            ("HEAD", _) => self.with_auth(self.agent.head(&url)).call(),
            ("PUT", body) => self
                .with_auth(self.agent.put(&url))
                .header("content-type", content_type)
                .send(body.unwrap_or("")),
            (_, body) => self
                .with_auth(self.agent.post(&url))
                .header("content-type", content_type)
                .send(body.unwrap_or("")),
        };
        let mut response = result.map_err(|e| format!("cannot reach {}: {e}", self.base))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Answer { status, body })
    }

    /// Sends a JSON value.
    pub fn send_json(&self, method: &str, path: &str, body: &Value) -> Result<Answer, String> {
        self.send(method, path, Some(&body.to_string()))
    }

    fn with_auth<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.authorization {
            Some(value) => request.header("authorization", value),
            None => request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_the_address_are_refused() {
        let e = Client::with_credentials("https://admin:secret@search.example/", None)
            .err()
            .unwrap();
        assert!(e.contains(USER_VAR) && !e.contains("secret"), "{e}");
        assert!(Client::with_credentials("search.example:9200", None).is_err());
        let c = Client::with_credentials("http://127.0.0.1:9200/", Some(("u".into(), "p".into())))
            .unwrap();
        assert_eq!(c.base(), "http://127.0.0.1:9200");
        assert_eq!(c.authorization.as_deref(), Some("Basic dTpw"));
    }
}
