//! `balise export --format opensearch --push URL`: loads a guide into a cluster so that a search
//! never sees it half-loaded.
//!
//! 1. create a new concrete index `<alias>-<site>--<UTC time>` (one shard, no replica, no
//!    refresh while loading: the fastest load);
//! 2. send the documents with `_bulk` in batches; what the cluster refuses for load (429) is sent
//!    again after a growing pause; any other refusal is reported per document;
//! 3. if a document failed: delete the new index, leave the alias as it was, exit non-zero;
//! 4. refresh, count, then give the index its replicas (`auto_expand_replicas: 0-1`: none on a
//!    one-node cluster, one as soon as there are two nodes) and wait for them;
//! 5. in one `_aliases` call, add the new index to the alias and take this guide's previous
//!    indexes out of it (atomic: a search sees the old guide or the new one, never both or
//!    neither), then delete those previous indexes.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::client::{Answer, Client};
use super::OpenSearchDoc;

/// A batch is sent when it reaches this many documents or this many bytes, whichever first.
pub const BATCH_DOCS: usize = 1000;
pub const BATCH_BYTES: usize = 5 * 1024 * 1024;
/// Attempts for a batch, or for documents, that the cluster refuses with 429.
pub const MAX_ATTEMPTS: u32 = 8;
/// First pause after a 429; doubled at each new refusal.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// Time left to searches that started on the previous index before it is deleted: a search
/// resolves the alias once, then reads shards for a few milliseconds.
pub const DELETE_GRACE: Duration = Duration::from_secs(1);
/// Separates the site from the time in an index name; a site id never contains it.
pub const SITE_SEPARATOR: &str = "--";

#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The alias that searches use (`balise`); shared by every guide pushed under it.
    pub alias: String,
    /// This guide's identifier (`site` field, part of the index name).
    pub site: String,
    /// The index definition (settings and mapping) of this guide.
    pub definition: Value,
}

/// A document the cluster did not take.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentError {
    pub id: String,
    pub status: u16,
    pub reason: String,
}

#[derive(Debug)]
pub struct PushReport {
    pub index: String,
    pub documents: usize,
    pub removed: Vec<String>,
    pub retries: u32,
    pub elapsed: Duration,
    /// Replicas not in place when the alias was swapped (the cluster lacks nodes or space).
    pub health_warning: Option<String>,
}

#[derive(Debug)]
pub enum PushError {
    /// Some documents were refused; the new index was deleted and the alias left as it was.
    Documents(Vec<DocumentError>),
    /// The cluster could not be reached or refused a step.
    Cluster(String),
}

impl std::fmt::Display for PushError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PushError::Documents(errors) => {
                write!(f, "{} documents were refused", errors.len())
            }
            PushError::Cluster(message) => f.write_str(message),
        }
    }
}

/// Whether `name` is valid as an alias or index name prefix: lowercase ASCII letters, digits,
/// `-` and `_`, not starting with `-` or `_` (OpenSearch refuses uppercase and `\/*?"<>| ,#:`).
pub fn is_valid_alias(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with(['-', '_'])
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The concrete index names of `site` under `alias` start with this.
pub fn index_prefix(alias: &str, site: &str) -> String {
    format!("{alias}-{site}{SITE_SEPARATOR}")
}

fn cluster_error(step: &str, answer: &Answer) -> PushError {
    PushError::Cluster(format!("{step}: {}", answer.reason()))
}

/// Loads `docs` under `options.alias`; see the module documentation for the steps.
pub fn push(
    client: &Client,
    docs: &[OpenSearchDoc],
    options: &PushOptions,
) -> Result<PushReport, PushError> {
    let started = Instant::now();
    if !is_valid_alias(&options.alias) {
        return Err(PushError::Cluster(format!(
            "`{}` cannot name an index: use lowercase letters, digits, `-` and `_`",
            options.alias
        )));
    }
    let alias_is_index = client
        .send("GET", &format!("{}/_alias", options.alias), None)
        .map_err(PushError::Cluster)?;
    // `GET <name>/_alias` answers the concrete index names; one equal to the alias itself
    // means an index (not an alias) has that name, and an alias cannot be added over it.
    if alias_is_index.ok() && alias_is_index.body.get(&options.alias).is_some() {
        return Err(PushError::Cluster(format!(
            "`{}` is an index, not an alias: push under another --index name, or delete it \
             (it may come from loading documents.ndjson by hand)",
            options.alias
        )));
    }
    let index = format!(
        "{}{}",
        index_prefix(&options.alias, &options.site),
        chrono::Utc::now().format("%Y%m%d%H%M%S%3f")
    );
    create_index(client, &index, &options.definition)?;
    let mut retries = 0;
    let loaded = load(client, &index, docs, &mut retries).and_then(|()| {
        let refresh = client
            .send("POST", &format!("{index}/_refresh"), None)
            .map_err(PushError::Cluster)?;
        if !refresh.ok() {
            return Err(cluster_error("refresh", &refresh));
        }
        let count = client
            .send("GET", &format!("{index}/_count"), None)
            .map_err(PushError::Cluster)?;
        let counted = count.body["count"].as_u64().unwrap_or(0) as usize;
        if counted != docs.len() {
            return Err(PushError::Cluster(format!(
                "the new index holds {counted} documents instead of {}",
                docs.len()
            )));
        }
        Ok(())
    });
    if let Err(e) = loaded {
        // The alias still points at the previous version: remove what was half loaded.
        let _ = client.send("DELETE", &index, None);
        return Err(e);
    }
    let health_warning = finish_index(client, &index)?;
    let removed = swap_alias(client, &options.alias, &options.site, &index)?;
    Ok(PushReport {
        index,
        documents: docs.len(),
        removed,
        retries,
        elapsed: started.elapsed(),
        health_warning,
    })
}

fn create_index(client: &Client, index: &str, definition: &Value) -> Result<(), PushError> {
    let mut body = definition.clone();
    let settings = body["settings"]
        .as_object_mut()
        .ok_or_else(|| PushError::Cluster("the index definition has no settings".into()))?;
    settings.insert(
        "index".into(),
        json!({
            // A guide is small (100,000 pages are a few hundred megabytes): one shard.
            "number_of_shards": 1,
            // No replica and no refresh while loading; both come back before the swap.
            "number_of_replicas": 0,
            "refresh_interval": "-1",
        }),
    );
    let answer = client
        .send_json("PUT", index, &body)
        .map_err(PushError::Cluster)?;
    if !answer.ok() {
        return Err(cluster_error(
            &format!("cannot create the index {index}"),
            &answer,
        ));
    }
    Ok(())
}

/// Sends every document in batches; 429s are retried, other refusals collected. A batch's
/// body is made when it is sent, so memory holds one batch, not the whole guide.
fn load(
    client: &Client,
    index: &str,
    docs: &[OpenSearchDoc],
    retries: &mut u32,
) -> Result<(), PushError> {
    let mut refused = Vec::new();
    let mut batch: Vec<usize> = Vec::new();
    let mut bytes = 0;
    let mut line = String::new();
    for (i, doc) in docs.iter().enumerate() {
        line.clear();
        super::push_bulk_line(&mut line, doc, None);
        batch.push(i);
        bytes += line.len();
        if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES || i + 1 == docs.len() {
            send_batch(client, index, docs, &batch, retries, &mut refused)?;
            batch.clear();
            bytes = 0;
        }
    }
    if refused.is_empty() {
        Ok(())
    } else {
        Err(PushError::Documents(refused))
    }
}

/// Sends one batch until every document is either taken or refused for good.
fn send_batch(
    client: &Client,
    index: &str,
    docs: &[OpenSearchDoc],
    batch: &[usize],
    retries: &mut u32,
    refused: &mut Vec<DocumentError>,
) -> Result<(), PushError> {
    let mut pending: Vec<usize> = batch.to_vec();
    let mut backoff = FIRST_BACKOFF;
    for attempt in 1..=MAX_ATTEMPTS {
        let mut body = String::new();
        for &i in &pending {
            super::push_bulk_line(&mut body, &docs[i], None);
        }
        let answer = client
            .send("POST", &format!("{index}/_bulk"), Some(&body))
            .map_err(PushError::Cluster)?;
        let mut again = Vec::new();
        if answer.status == 429 || answer.status == 503 {
            // The whole request was refused for load: all of it again, later.
            again = pending.clone();
        } else if !answer.ok() {
            return Err(cluster_error("bulk request refused", &answer));
        } else {
            let items = answer.body["items"].as_array().cloned().unwrap_or_default();
            if items.len() != pending.len() {
                return Err(PushError::Cluster(format!(
                    "the bulk answer has {} items for {} documents",
                    items.len(),
                    pending.len()
                )));
            }
            for (&i, item) in pending.iter().zip(&items) {
                let result = item
                    .as_object()
                    .and_then(|o| o.values().next())
                    .cloned()
                    .unwrap_or(Value::Null);
                let status = result["status"].as_u64().unwrap_or(0) as u16;
                if (200..300).contains(&status) {
                    continue;
                }
                if status == 429 {
                    again.push(i);
                    continue;
                }
                let error = &result["error"];
                let reason = match (error["type"].as_str(), error["reason"].as_str()) {
                    (Some(t), Some(r)) => format!("{t}: {r}"),
                    _ => error.to_string(),
                };
                refused.push(DocumentError {
                    id: docs[i].doc.url.clone(),
                    status,
                    reason,
                });
            }
        }
        if again.is_empty() {
            return Ok(());
        }
        if attempt == MAX_ATTEMPTS {
            refused.extend(again.iter().map(|&i| DocumentError {
                id: docs[i].doc.url.clone(),
                status: 429,
                reason: format!("still refused for load after {MAX_ATTEMPTS} attempts"),
            }));
            return Ok(());
        }
        *retries += 1;
        std::thread::sleep(backoff);
        backoff *= 2;
        pending = again;
    }
    Ok(())
}

/// Refresh back on, replicas back; waits (bounded) for them. Returns a warning if they are not
/// all in place: the primaries are, so searching works, but a node loss could lose the guide.
fn finish_index(client: &Client, index: &str) -> Result<Option<String>, PushError> {
    let answer = client
        .send_json(
            "PUT",
            &format!("{index}/_settings"),
            &json!({ "index": { "refresh_interval": null, "auto_expand_replicas": "0-1" } }),
        )
        .map_err(PushError::Cluster)?;
    if !answer.ok() {
        let _ = client.send("DELETE", index, None);
        return Err(cluster_error("cannot set the replicas", &answer));
    }
    let health = client
        .send(
            "GET",
            &format!("_cluster/health/{index}?wait_for_status=green&timeout=60s"),
            None,
        )
        .map_err(PushError::Cluster)?;
    if health.body["status"] == "green" {
        Ok(None)
    } else {
        Ok(Some(format!(
            "the index {index} is {} (replicas not all in place after 60 s)",
            health.body["status"]
                .as_str()
                .unwrap_or("in an unknown state")
        )))
    }
}

/// Moves the alias to `index` and removes this site's previous indexes from it, atomically;
/// then deletes them. Returns their names.
fn swap_alias(
    client: &Client,
    alias: &str,
    site: &str,
    index: &str,
) -> Result<Vec<String>, PushError> {
    let prefix = index_prefix(alias, site);
    let listed = client
        .send(
            "GET",
            &format!("_cat/indices/{prefix}*?format=json&h=index&expand_wildcards=all"),
            None,
        )
        .map_err(PushError::Cluster)?;
    let previous: Vec<String> = listed
        .body
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| row["index"].as_str())
        .filter(|name| *name != index && is_index_of(name, &prefix))
        .map(str::to_string)
        .collect();
    let mut actions = vec![json!({ "add": { "index": index, "alias": alias } })];
    // An index that is not (or no longer) in the alias would make the whole call fail.
    let in_alias = client
        .send("GET", &format!("_alias/{alias}"), None)
        .map_err(PushError::Cluster)?;
    for old in &previous {
        if in_alias.body.get(old).is_some() {
            actions.push(json!({ "remove": { "index": old, "alias": alias } }));
        }
    }
    let answer = client
        .send_json("POST", "_aliases", &json!({ "actions": actions }))
        .map_err(PushError::Cluster)?;
    if !answer.ok() {
        let _ = client.send("DELETE", index, None);
        return Err(cluster_error(
            &format!("cannot point the alias {alias} at {index}"),
            &answer,
        ));
    }
    if !previous.is_empty() {
        std::thread::sleep(DELETE_GRACE);
    }
    for old in &previous {
        let answer = client
            .send("DELETE", old, None)
            .map_err(PushError::Cluster)?;
        if !answer.ok() && answer.status != 404 {
            return Err(cluster_error(
                &format!("cannot delete the previous index {old}"),
                &answer,
            ));
        }
    }
    Ok(previous)
}

/// Whether `name` is one of the site's indexes: the prefix then only the time's digits.
fn is_index_of(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_names_keep_sites_apart() {
        let dijon = index_prefix("balise", "dijon");
        assert!(is_index_of("balise-dijon--20261123120000123", &dijon));
        // A site whose id starts with another's is not taken for it.
        assert!(!is_index_of(
            "balise-dijon-metropole--20261123120000123",
            &dijon
        ));
        assert!(!is_index_of("balise-dijon--", &dijon));
        assert!(is_valid_alias("balise") && is_valid_alias("guides_fr-2"));
        for bad in ["", "Balise", "-x", "a b", "a,b", "a*"] {
            assert!(!is_valid_alias(bad), "{bad}");
        }
    }
}
