//! List operations as AWS answers them, which moto does not: filtered by
//! NamePrefix and the operation's own filter, in name order, `Limit` (at
//! most the test's page cap) per page, with a NextToken while more remain.
//! ListConnections and ListApiDestinations share it; ListTargetsByRule and
//! ListRuleNamesByTarget share the paging ([`slice`]).

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::Value as Json;

use super::server::json_response;

/// What NextToken the proxy hands out: the offset of the next page.
const TOKEN_PREFIX: &str = "fault-proxy-page:";

/// Keeps in `json[list]` (moto's whole list) only the page `request` asks
/// for: the entries whose `Name` starts with the request's NamePrefix and
/// that `keep` accepts, sorted by name, from the offset its NextToken names,
/// at most its `Limit` (100 by default) and `cap`. Sets NextToken when
/// more remain. `Some(answer)` refuses a NextToken the proxy did not hand
/// out, as AWS refuses a forged one.
pub(super) fn page(
    request: &Json,
    json: &mut Json,
    list: &str,
    keep: impl Fn(&Json) -> bool,
    cap: Option<usize>,
) -> Option<Response<Full<Bytes>>> {
    let prefix = request["NamePrefix"].as_str().unwrap_or_default();
    let mut all: Vec<Json> = json[list]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|entry| entry["Name"].as_str().is_some_and(|n| n.starts_with(prefix)))
        .filter(|entry| keep(entry))
        .collect();
    all.sort_by(|a, b| a["Name"].as_str().cmp(&b["Name"].as_str()));
    slice(request, json, list, all, cap)
}

/// Sets `json[list]` to the page of `all` (in its order) that `request`
/// asks for: from the offset its NextToken names, at most its `Limit` (100
/// by default) and `cap`, with a NextToken while more remain (none
/// otherwise, not even null). `Some(answer)` refuses a NextToken the proxy
/// did not hand out: AWS answers an expired one with HTTP 400 InvalidToken
/// (the API reference of ListTargetsByRule, under NextToken).
pub(super) fn slice(
    request: &Json,
    json: &mut Json,
    list: &str,
    all: Vec<Json>,
    cap: Option<usize>,
) -> Option<Response<Full<Bytes>>> {
    let start = match request["NextToken"].as_str() {
        None => 0,
        Some(token) => match token.strip_prefix(TOKEN_PREFIX).and_then(|n| n.parse::<usize>().ok()) {
            Some(offset) if offset <= all.len() => offset,
            _ => {
                return Some(json_response(
                    400,
                    serde_json::json!({"__type": "InvalidToken", "message": "The NextToken is invalid or expired."}),
                ))
            }
        },
    };
    let limit = request["Limit"].as_u64().map_or(100, |l| l as usize);
    let size = cap.map_or(limit, |c| limit.min(c)).max(1);
    let end = start.saturating_add(size).min(all.len());
    json[list] = Json::Array(all[start..end].to_vec());
    if let Some(object) = json.as_object_mut() {
        object.remove("NextToken");
    }
    if end < all.len() {
        json["NextToken"] = format!("{TOKEN_PREFIX}{end}").into();
    }
    None
}
