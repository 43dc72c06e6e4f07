//! hashicorp/aws, the provider this one takes state over from, as the
//! machine image holds it: a filesystem mirror (default `/opt/tf-plugins`,
//! or `EVB_AWS_PROVIDER_MIRROR`) with one version of
//! `registry.terraform.io/hashicorp/aws` for this platform. The moves from
//! it (tests/e2e/peer_moves.rs) and `make bench`'s side-by-side rows use
//! it against the emulator; without it both skip with one line. Nothing
//! here downloads it: the moves are also proven at protocol level
//! (tests/protocol), which needs no hashicorp/aws.

use std::path::PathBuf;

/// The provider's address in a mirror and in `required_providers`.
pub const ADDRESS: &str = "registry.terraform.io/hashicorp/aws";

/// The one version the image holds.
pub const VERSION: &str = "5.100.0";

/// Where the mirror is looked for when `EVB_AWS_PROVIDER_MIRROR` is unset.
const DEFAULT_MIRROR: &str = "/opt/tf-plugins";

/// The filesystem mirror that holds hashicorp/aws [`VERSION`] for this
/// platform (unpacked layout).
pub struct PeerAws {
    pub mirror: PathBuf,
    pub binary: PathBuf,
}

/// The mirror, or why it is not there.
pub fn find() -> Result<PeerAws, String> {
    let mirror = std::env::var_os("EVB_AWS_PROVIDER_MIRROR")
        .filter(|m| !m.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_MIRROR));
    let platform = mirror.join(ADDRESS).join(VERSION).join(super::host_platform());
    let binary = std::fs::read_dir(&platform)
        .map_err(|e| format!("no hashicorp/aws {VERSION} in {}: {e}", platform.display()))?
        .flatten()
        .map(|entry| entry.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("terraform-provider-aws_"))
        })
        .ok_or_else(|| format!("no terraform-provider-aws_* in {}", platform.display()))?;
    Ok(PeerAws { mirror, binary })
}

/// The mirror for a test or a bench section that needs it; None after one
/// line saying why when it is absent. A skip whatever `TF_ACC` says: the
/// machine image brings it, no script of this project installs it.
pub fn find_or_skip() -> Option<PeerAws> {
    match find() {
        Ok(peer) => Some(peer),
        Err(why) => {
            let line = format!(
                "skipped {}: hashicorp/aws {VERSION} is not in a filesystem mirror ({why}); set \
                 EVB_AWS_PROVIDER_MIRROR to one that holds it\n",
                super::test_name()
            );
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
            None
        }
    }
}

/// Which provider a resource belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Aws,
    Ours,
}

/// A hashicorp/aws resource type and the one here that takes its state
/// over. In a configuration written once for both providers, `token`
/// (`{connection}`) stands for the type on the side being written.
pub struct Kind {
    pub token: &'static str,
    pub aws: &'static str,
    pub ours: &'static str,
}

impl Kind {
    pub fn type_name(&self, side: Side) -> &'static str {
        match side {
            Side::Aws => self.aws,
            Side::Ours => self.ours,
        }
    }
}

pub const CONNECTION: Kind = Kind {
    token: "{connection}",
    aws: "aws_cloudwatch_event_connection",
    ours: "eventbridge_connection",
};
pub const API_DESTINATION: Kind = Kind {
    token: "{api_destination}",
    aws: "aws_cloudwatch_event_api_destination",
    ours: "eventbridge_api_destination",
};
pub const RULE: Kind = Kind {
    token: "{rule}",
    aws: "aws_cloudwatch_event_rule",
    ours: "eventbridge_rule",
};
pub const TARGET: Kind = Kind {
    token: "{target}",
    aws: "aws_cloudwatch_event_target",
    ours: "eventbridge_target",
};
const KINDS: [&Kind; 4] = [&CONNECTION, &API_DESTINATION, &RULE, &TARGET];

/// `text` with every kind's token replaced by its type on `side`.
pub fn with_types(text: &str, side: Side) -> String {
    KINDS.iter().fold(text.to_string(), |text, kind| {
        text.replace(kind.token, kind.type_name(side))
    })
}

/// `resource "TYPE" "NAME" { BODY }` for `kind` on `side`, the types
/// named in `body` on the same side.
pub fn resource(kind: &Kind, side: Side, name: &str, body: &str) -> String {
    format!(
        "\nresource \"{}\" \"{name}\" {{{}}}\n",
        kind.type_name(side),
        with_types(body, side)
    )
}

/// `required_providers` for hashicorp/aws (and this provider when
/// `with_ours`), and hashicorp/aws configured against `endpoint` (the
/// emulator or the proxy in front of it) with static credentials and
/// nothing else asked of AWS: no STS call, no instance metadata. This
/// provider's block is the example's (its endpoint from
/// `AWS_ENDPOINT_URL_EVENTBRIDGE`, see
/// [`super::terraform::Workdir::use_endpoint`]).
pub fn providers_tf(endpoint: &str, with_ours: bool) -> String {
    let (ours, ours_block) = if with_ours {
        (
            format!(
                "    eventbridge = {{\n      source = \"{}\"\n    }}\n",
                terraform_provider_eventbridge::PROVIDER_ADDRESS
            ),
            "\nprovider \"eventbridge\" {\n  region = \"us-east-1\"\n}\n",
        )
    } else {
        (String::new(), "")
    };
    format!(
        r#"terraform {{
  required_providers {{
{ours}    aws = {{
      source  = "{ADDRESS}"
      version = "{VERSION}"
    }}
  }}
}}
{ours_block}
provider "aws" {{
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {{
    events = "{endpoint}"
  }}
}}
"#
    )
}

/// The environment hashicorp/aws needs besides its block: no instance
/// metadata lookups, no shared configuration files of whoever runs this.
pub const ENV: [(&str, &str); 3] = [
    ("AWS_EC2_METADATA_DISABLED", "true"),
    ("AWS_CONFIG_FILE", "/dev/null"),
    ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
];
