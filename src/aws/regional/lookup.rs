//! A data source's schema from its resource's: every argument the resource
//! declares becomes an attribute the data source reports, with the same
//! name, type and docs, so that an argument is declared once for both.
//! Only `name` is asked for (with the resource's checks) and `region` may
//! be; write-only arguments and blocks (`timeouts`) are left out.

use super::region;
use crate::tfplugin::{Attribute, Block};

/// The data source's block, from `resource`'s, described by `doc`, with
/// `extra` computed attributes (what Describe says beyond the arguments).
pub fn block(resource: &Block, doc: &str, extra: Vec<(&str, Attribute)>) -> Block {
    let mut block = Block::new().doc(doc);
    for (name, attribute) in &resource.attributes {
        let reported = match name.as_str() {
            "name" => Attribute {
                required: true,
                optional: false,
                computed: false,
                replaces: false,
                ..attribute.clone()
            },
            "region" => region::lookup_attribute("to look in").computed(),
            _ if attribute.write_only => continue,
            _ => Attribute {
                required: false,
                optional: false,
                computed: true,
                replaces: false,
                default: None,
                checks: Vec::new(),
                ..attribute.clone()
            },
        };
        block = block.attr(name, reported);
    }
    for (name, attribute) in extra {
        block = block.attr(name, attribute);
    }
    block
}
