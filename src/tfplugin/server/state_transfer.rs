//! ImportResourceState, MoveResourceState, UpgradeResourceState, UpgradeResourceIdentity: state that comes from elsewhere.

use tonic::{Request, Response, Status};

use super::*;

pub(super) async fn import_resource_state<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::import_resource_state::Request>,
) -> Result<Response<pb::import_resource_state::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.type_name)?;
        let ctx = svc.context()?;
        let identity = identity_data(entry, req.identity.as_ref())?;
        let import = ImportRequest {
            id: &req.id,
            identity: identity.as_ref(),
        };
        let resp = until_stopped(&ctx.stop, "ImportResourceState", entry.resource.import(&ctx, import)).await?;
        let imported_resources = match resp.state {
            Some(state) if !resp.diagnostics.has_errors() => {
                vec![pb::import_resource_state::ImportedResource {
                    type_name: req.type_name.clone(),
                    state: Some(entry.encode_state(state, "imported state")?),
                    private: resp.private,
                    identity: encode_identity(entry, resp.identity)?,
                }]
            }
            _ => Vec::new(),
        };
        Ok(pb::import_resource_state::Response {
            imported_resources,
            diagnostics: convert::diagnostics(resp.diagnostics),
            deferred: None,
        })
    };
    let failure = |diagnostics| pb::import_resource_state::Response {
        diagnostics,
        ..Default::default()
    };
    Ok(Response::new(guarded("ImportResourceState", handler, failure).await))
}

pub(super) async fn move_resource_state<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::move_resource_state::Request>,
) -> Result<Response<pb::move_resource_state::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.target_type_name)?;
        let raw = req.source_state.unwrap_or_default();
        let mv = MoveRequest {
            source_provider_address: &req.source_provider_address,
            source_type_name: &req.source_type_name,
            source_schema_version: req.source_schema_version,
            source_state_json: &raw.json,
            source_private: &req.source_private,
        };
        let resp = entry.resource.move_state(mv);
        let target_state = match resp.state {
            Some(v) if !resp.diagnostics.has_errors() => Some(entry.encode_state(v, "moved state")?),
            _ => None,
        };
        Ok(pb::move_resource_state::Response {
            target_state,
            diagnostics: convert::diagnostics(resp.diagnostics),
            target_private: resp.private,
            target_identity: encode_identity(entry, resp.identity)?,
        })
    };
    let failure = |diagnostics| pb::move_resource_state::Response {
        diagnostics,
        ..Default::default()
    };
    Ok(Response::new(guarded("MoveResourceState", handler, failure).await))
}

pub(super) async fn upgrade_resource_state<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::upgrade_resource_state::Request>,
) -> Result<Response<pb::upgrade_resource_state::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.type_name)?;
        let raw = req.raw_state.unwrap_or_default();
        let mut diags = Diagnostics::new();
        if raw.json.is_empty() {
            diags.error(
                "Unsupported state format",
                "The stored state is in the legacy flatmap format, which this provider never wrote.",
            );
            return Err(diags);
        }
        let upgraded = entry
            .resource
            .upgrade_state(req.version, &raw.json, (&entry.schema, &entry.ty), &mut diags);
        let upgraded_state = match upgraded {
            Some(v) if !diags.has_errors() => Some(entry.encode_state(v, "upgraded state")?),
            _ => None,
        };
        Ok(pb::upgrade_resource_state::Response {
            upgraded_state,
            diagnostics: convert::diagnostics(diags),
        })
    };
    let failure = |diagnostics| pb::upgrade_resource_state::Response {
        upgraded_state: None,
        diagnostics,
    };
    Ok(Response::new(guarded("UpgradeResourceState", handler, failure).await))
}

pub(super) async fn upgrade_resource_identity<P: Provider>(
    svc: &ProviderService<P>,
    request: Request<pb::upgrade_resource_identity::Request>,
) -> Result<Response<pb::upgrade_resource_identity::Response>, Status> {
    let req = request.into_inner();
    let handler = async {
        let entry = svc.resource(&req.type_name)?;
        let mut diags = Diagnostics::new();
        let upgraded = entry
            .resource
            .upgrade_identity(req.version, identity_json(&req.raw_identity), &mut diags);
        let upgraded_identity = match upgraded {
            Some(v) if !diags.has_errors() => encode_identity(entry, Some(v))?,
            _ => None,
        };
        Ok(pb::upgrade_resource_identity::Response {
            upgraded_identity,
            diagnostics: convert::diagnostics(diags),
        })
    };
    let failure = |diagnostics| pb::upgrade_resource_identity::Response {
        upgraded_identity: None,
        diagnostics,
    };
    Ok(Response::new(
        guarded("UpgradeResourceIdentity", handler, failure).await,
    ))
}

/// The JSON of a stored identity: protocol 6.9 sends it as is, 6.10 inside
/// a RawState message (field 1). JSON text starts with `{` or white space;
/// a RawState message with its JSON starts with the tag byte 0x0a.
fn identity_json(raw: &[u8]) -> &[u8] {
    let json_text = raw.iter().find(|b| !b.is_ascii_whitespace()).is_none_or(|b| *b == b'{');
    if json_text {
        return raw;
    }
    match <pb::RawState as prost::Message>::decode(raw) {
        Ok(state) if !state.json.is_empty() => {
            // The decoded message owns its bytes; find them in `raw` to
            // hand out a borrow (they are stored contiguously).
            raw.windows(state.json.len())
                .position(|w| w == state.json.as_slice())
                .map_or(raw, |at| &raw[at..at + state.json.len()])
        }
        _ => raw,
    }
}

#[cfg(test)]
mod tests {
    use super::identity_json;
    use crate::tfplugin::proto::tfplugin6 as pb;

    #[test]
    fn a_stored_identity_is_read_bare_as_6_9_sends_it_or_wrapped_as_6_10_does() {
        let json = br#"{"name":"crm"}"#;
        assert_eq!(identity_json(json), json);
        let wrapped = prost::Message::encode_to_vec(&pb::RawState {
            json: json.to_vec(),
            flatmap: Default::default(),
        });
        assert_eq!(identity_json(&wrapped), json);
        assert_eq!(identity_json(b""), b"");
    }
}
