//! What every list resource (`terraform query`) does with a page of
//! results: each becomes an event with the object's identity and, with
//! `include_resource`, the object as an import reads it (one Describe
//! each, a few at a time, in the page's order). The type gives its List
//! and Describe calls; the kit pages, describes and pushes.

use std::future::Future;

use futures_util::StreamExt;

use super::failure::{self, Subject};
use super::{identity, Kind};
use crate::aws::text_rule::{article, capitalized};
use crate::tfplugin::{AttributePath, Diagnostics, ListEvent, ListSink, Value};

/// Describe calls in flight at once for `include_resource`.
const DESCRIBES_AT_ONCE: usize = 8;

/// The most one List page holds (`LimitMax100`).
const PAGE_LIMIT: i64 = 100;

/// One page of a List call: what it found, and the token of the next.
pub struct Page {
    pub found: Vec<Listed>,
    pub next_token: Option<String>,
}

/// Lists page by page until the query wants no more or AWS has no more:
/// `list_page(next_token, limit)` is one List call of the type (its
/// filters applied), `describe(name)` one Describe. A failed List call
/// ends the listing with its cause. True when AWS has no more and the
/// query wants more (a type listing several scopes goes on to the next).
pub async fn run<L, LF, D, DF>(
    kind: &'static Kind,
    region: &str,
    include_resource: bool,
    sink: &mut ListSink,
    list_page: L,
    describe: D,
) -> bool
where
    L: Fn(Option<String>, i32) -> LF,
    LF: Future<Output = Result<Page, String>>,
    D: Fn(String) -> DF,
    DF: Future<Output = Described>,
{
    let mut next_token: Option<String> = None;
    loop {
        let limit = sink.remaining().clamp(1, PAGE_LIMIT) as i32;
        let page = match list_page(next_token.take(), limit).await {
            Ok(page) => page,
            Err(cause) => {
                sink.fail(failed(kind, region, &cause)).await;
                return false;
            }
        };
        let more = push_page(kind, region, &page.found, include_resource, &describe, sink).await;
        next_token = page.next_token.filter(|t| !t.is_empty());
        if !more {
            return false;
        }
        if next_token.is_none() {
            return sink.remaining() > 0;
        }
    }
}

/// One object of a page: its name and ARN.
#[derive(Clone)]
pub struct Listed {
    pub name: String,
    pub arn: String,
}

/// What describing one listed object gave.
pub enum Described {
    /// The resource object, as an import reads it.
    Object(Value),
    /// Deleted since the page was listed: left out.
    Gone,
    /// Any other failure, in words; it ends the listing.
    Failed(String),
}

/// Pushes a page's objects, described by `describe` when the query wants
/// the resources; false when no more are wanted (or the listing failed).
async fn push_page<F, Fut>(
    kind: &'static Kind,
    region: &str,
    found: &[Listed],
    include_resource: bool,
    describe: &F,
    sink: &mut ListSink,
) -> bool
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Described>,
{
    if !include_resource {
        for f in found {
            if !sink.push(event(kind, &f.name, region, &f.arn, None)).await {
                return false;
            }
        }
        return true;
    }
    let wanted = usize::try_from(sink.remaining()).unwrap_or(0).min(found.len());
    let mut described = futures_util::stream::iter(found[..wanted].iter().cloned())
        .map(|f| {
            let call = describe(f.name.clone());
            async move { (f, call.await) }
        })
        .buffered(DESCRIBES_AT_ONCE);
    while let Some((f, result)) = described.next().await {
        let object = match result {
            Described::Object(object) => object,
            Described::Gone => continue,
            Described::Failed(cause) => {
                let subject = Subject {
                    kind,
                    name: &f.name,
                    region,
                };
                let summary = format!("Error reading EventBridge {}", kind.noun);
                sink.fail(failure::diagnostics(&summary, "reading", &subject, &cause, &[]))
                    .await;
                return false;
            }
        };
        if !sink.push(event(kind, &f.name, region, &f.arn, Some(object))).await {
            return false;
        }
    }
    true
}

/// A failed List call, in one line.
pub fn failed(kind: &'static Kind, region: &str, cause: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.error(
        format!("Error listing EventBridge {}s", kind.noun),
        format!("listing EventBridge {}s in {region}: {cause}", kind.noun),
    );
    diags
}

/// One result: the identity, and the name to show.
fn event(kind: &'static Kind, name: &str, region: &str, arn: &str, resource_object: Option<Value>) -> ListEvent {
    match identity::of(kind, name, region, arn) {
        Some(id) => ListEvent::found(id, name, resource_object),
        None => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.warning(
                format!("{} skipped", capitalized(kind.noun)),
                format!(
                    "EventBridge {} {name:?} has an ARN that names no account ({arn:?}).",
                    kind.noun
                ),
            );
            ListEvent {
                diagnostics,
                ..Default::default()
            }
        }
    }
}

/// A list's `name_prefix`: the start of a name, so AWS's rule for names.
pub fn name_prefix(kind: &'static Kind, v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    if let Some(problem) = v.as_str().and_then(kind.name_problem) {
        diags.error_at(
            at,
            "Invalid name prefix",
            format!("A name prefix is the start of {} name. {problem}", article(kind.noun)),
        );
    }
}
