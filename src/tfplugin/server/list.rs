//! ListResource and ValidateListResourceConfig (protocol 6.10): the list
//! resource's results as a server stream, with the generic rules around it
//! (see [`crate::tfplugin::ListResource`]): limit, resource object only on
//! request and without write-only values, and every way of ending — done,
//! failed, panicked, StopProvider, Terraform hanging up — ends the stream.

use std::pin::Pin;
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status};

use super::*;
use crate::tfplugin::list_resource::{ListEvent, ListRequest, ListResource, ListSink};
use crate::tfplugin::schema::Block;

/// The stream ListResource answers with.
pub(super) type ListStream =
    Pin<Box<dyn futures_util::Stream<Item = Result<pb::list_resource::Event, Status>> + Send + 'static>>;

/// Events encoded ahead of Terraform's reading, and results listed ahead of
/// encoding: small, so that listing follows Terraform's pace.
const CAPACITY: usize = 8;

pub(super) async fn validate_list_resource_config<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::validate_list_resource_config::Request>,
) -> Result<Response<pb::validate_list_resource_config::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.list_entry(&req.type_name)?;
        let config = decode(req.config.as_ref(), &entry.ty, "list configuration")?;
        let mut diags = Diagnostics::new();
        flags::check_values(&entry.schema.block, &config, &mut diags);
        entry.list.validate(&config, &mut diags);
        let limit = decode(req.limit.as_ref(), &Type::Number, "list limit")?;
        if limit.as_number().and_then(|n| n.as_i64()).is_some_and(|n| n < 0) {
            diags.error("Invalid limit", "The limit of a list block cannot be negative.");
        }
        Ok(pb::validate_list_resource_config::Response {
            diagnostics: convert::diagnostics(diags),
        })
    };
    let failure = |diagnostics| pb::validate_list_resource_config::Response { diagnostics };
    Ok(Response::new(
        guarded("ValidateListResourceConfig", handler, failure).await,
    ))
}

/// Everything one listing needs, owned, to run on its own task.
struct Job<C> {
    list: Arc<dyn ListResource<C>>,
    ctx: Context<C>,
    config: Value,
    include_resource: bool,
    limit: i64,
    identity_ty: Type,
    resource_ty: Type,
    resource_block: Block,
}

const RPC: &str = "ListResource";

pub(super) async fn list_resource<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::list_resource::Request>,
) -> Result<Response<ListStream>, Status> {
    let req = request.into_inner();
    let (tx, rx) = mpsc::channel(CAPACITY);
    // `prepare` runs the list resource's validation: a panic there is a
    // diagnostic on the stream too, as in every other handler.
    let prepared =
        std::panic::catch_unwind(AssertUnwindSafe(|| prepare(svc, &req))).unwrap_or_else(|_| Err(crashed(RPC)));
    match prepared {
        Ok(job) => {
            tokio::spawn(run(job, tx));
        }
        Err(diagnostics) => {
            let _ = tx.send(Ok(diagnostics_event(diagnostics))).await;
        }
    }
    Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
}

/// Checks the request before anything is listed.
fn prepare<P: Provider>(svc: &ProviderService<P>, req: &pb::list_resource::Request) -> Outcome<Job<P::Client>> {
    tracing::debug!(rpc = RPC, "request");
    let entry = svc.list_entry(&req.type_name)?;
    let resource = svc.resource(&req.type_name)?;
    let Some((_, identity_ty)) = &resource.identity else {
        let mut diags = Diagnostics::new();
        diags.error(
            "List resource without identity",
            format!(
                "The resource type {:?} has no identity schema, so its objects cannot be listed. This is a bug in \
                 the provider: please report it.",
                req.type_name
            ),
        );
        return Err(diags);
    };
    let ctx = svc.context()?;
    let config = decode(req.config.as_ref(), &entry.ty, "list configuration")?;
    let mut diags = Diagnostics::new();
    entry.list.validate(&config, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Job {
        list: entry.list.clone(),
        ctx,
        config,
        include_resource: req.include_resource_object,
        limit: req.limit,
        identity_ty: identity_ty.clone(),
        resource_ty: resource.ty.clone(),
        resource_block: resource.schema.block.clone(),
    })
}

/// Lists into a sink while another half encodes what comes out of it onto
/// the stream; whatever ends the listing, the stream ends too.
async fn run<C: Send + Sync + 'static>(job: Job<C>, tx: mpsc::Sender<Result<pb::list_resource::Event, Status>>) {
    if job.limit < 1 {
        return; // Nothing wanted.
    }
    let (mut sink, mut listed) = ListSink::new(job.limit, CAPACITY);
    let produce = async {
        let req = ListRequest {
            config: &job.config,
            include_resource: job.include_resource,
            limit: job.limit,
        };
        let ended = {
            let work = AssertUnwindSafe(job.list.list(&job.ctx, req, &mut sink)).catch_unwind();
            tokio::select! {
                done = work => done.err().map(|_| crashed(RPC)),
                _ = job.ctx.stop.stopped() => Some(cancelled(RPC)),
                _ = tx.closed() => None,
            }
        };
        if let Some(diagnostics) = ended {
            sink.fail(diagnostics).await;
        }
        // Dropping the sink ends the other half.
        drop(sink);
    };
    let forward = async {
        while let Some(event) = listed.recv().await {
            let (event, last) = match encode_event(&job, event) {
                Ok(event) => (event, false),
                Err(diagnostics) => (diagnostics_event(diagnostics), true),
            };
            if tx.send(Ok(event)).await.is_err() || last {
                // The listing half may be waiting on a full channel.
                listed.close();
                break;
            }
        }
    };
    tokio::join!(produce, forward);
}

fn diagnostics_event(diagnostics: Diagnostics) -> pb::list_resource::Event {
    pb::list_resource::Event {
        diagnostic: convert::diagnostics(diagnostics),
        ..Default::default()
    }
}

/// One event on the wire: identity in the identity schema, the resource
/// object (when asked for) in the resource schema, write-only values null.
fn encode_event<C>(job: &Job<C>, event: ListEvent) -> Outcome<pb::list_resource::Event> {
    let identity = match &event.identity {
        Some(v) => Some(pb::ResourceIdentityData {
            identity_data: Some(encode(v, &job.identity_ty, "resource identity")?),
        }),
        None => None,
    };
    let resource_object = match event.resource_object {
        Some(mut v) if job.include_resource && event.identity.is_some() => {
            flags::null_write_only(&job.resource_block, &mut v);
            Some(encode(&v, &job.resource_ty, "resource object")?)
        }
        _ => None,
    };
    Ok(pb::list_resource::Event {
        identity,
        display_name: event.display_name,
        resource_object,
        diagnostic: convert::diagnostics(event.diagnostics),
    })
}
