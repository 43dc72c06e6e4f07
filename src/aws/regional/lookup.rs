//! A data source's schema from its resource's: every argument and block
//! the resource declares becomes an attribute the data source reports,
//! with the same name, type and (first sentence of its) docs, so that an
//! argument is declared once for both. Only `name` is asked for (with the
//! resource's checks) and `region` may be; write-only arguments and what a
//! type names in `skip` (`timeouts`) are left out. A sensitive argument
//! stays sensitive; a secret inside a block stays in the shape, always
//! null, as AWS never returns it (the mapping takes secrets only from a
//! prior state, which a data source has not).

use super::region;
use crate::tfplugin::{Attribute, Block, Nesting, Type, Value};

/// The data source's block, from `resource`'s, described by `doc`, without
/// the attributes and blocks named in `skip`, with `extra` computed
/// attributes (what Describe says beyond the arguments).
pub fn block(resource: &Block, doc: &str, skip: &[&str], extra: Vec<(&str, Attribute)>) -> Block {
    let mut block = Block::new().doc(doc);
    for (name, attribute) in &resource.attributes {
        if attribute.write_only || skip.contains(&name.as_str()) {
            continue;
        }
        let reported = match name.as_str() {
            "name" => Attribute {
                required: true,
                optional: false,
                computed: false,
                replaces: false,
                description: first_sentence(&attribute.description),
                ..attribute.clone()
            },
            "region" => region::lookup_attribute("to look in").computed(),
            _ => Attribute {
                sensitive: attribute.sensitive,
                ..Attribute::of(attribute.ty.clone())
                    .computed()
                    .doc(&first_sentence(&attribute.description))
            },
        };
        block = block.attr(name, reported);
    }
    for (name, nested) in &resource.blocks {
        if skip.contains(&name.as_str()) {
            continue;
        }
        let reported = Attribute::of(nested_type(nested.nesting, &nested.block))
            .computed()
            .doc(&first_sentence(&nested.block.description));
        block = block.attr(name, reported);
    }
    for (name, attribute) in extra {
        block = block.attr(name, attribute);
    }
    block
}

/// The value a block reports, without its write-only attributes.
fn object_type(block: &Block) -> Type {
    let attributes = block
        .attributes
        .iter()
        .filter(|(_, a)| !a.write_only)
        .map(|(name, a)| (name.clone(), a.ty.clone()));
    let blocks = block
        .blocks
        .iter()
        .map(|(name, nested)| (name.clone(), nested_type(nested.nesting, &nested.block)));
    Type::Object(attributes.chain(blocks).collect())
}

fn nested_type(nesting: Nesting, block: &Block) -> Type {
    let object = object_type(block);
    match nesting {
        Nesting::Single | Nesting::Group => object,
        Nesting::List => Type::list(object),
        Nesting::Set => Type::set(object),
        Nesting::Map => Type::map(object),
    }
}

/// `value`, of the resource's type, cut to `ty`, the data source's: what
/// the data source does not report is left out.
pub fn reported(value: &Value, ty: &Type) -> Value {
    match (value, ty) {
        (Value::Object(fields), Type::Object(wanted)) => Value::Object(
            wanted
                .iter()
                .map(|(name, t)| (name.clone(), reported(fields.get(name).unwrap_or(&Value::Null), t)))
                .collect(),
        ),
        (Value::List(items), Type::List(t)) => Value::List(items.iter().map(|v| reported(v, t)).collect()),
        (Value::Set(items), Type::Set(t)) => Value::Set(items.iter().map(|v| reported(v, t)).collect()),
        (Value::Map(items), Type::Map(t)) => {
            Value::Map(items.iter().map(|(k, v)| (k.clone(), reported(v, t))).collect())
        }
        (v, _) => v.clone(),
    }
}

/// The first sentence of a resource's attribute docs: what it is, without
/// what changing it does. "e.g." ends no sentence.
fn first_sentence(doc: &str) -> String {
    let mut end = 0;
    while let Some(at) = doc[end..].find(". ") {
        let stop = end + at;
        if !doc[..stop].ends_with("e.g") && !doc[..stop].ends_with("i.e") {
            return doc[..=stop].to_string();
        }
        end = stop + 2;
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_says_what_it_is() {
        assert_eq!(
            first_sentence("Name of it: 1 to 64 letters. Changing it replaces it."),
            "Name of it: 1 to 64 letters."
        );
        assert_eq!(first_sentence("State, e.g. `ACTIVE`. More."), "State, e.g. `ACTIVE`.");
        assert_eq!(first_sentence("One sentence."), "One sentence.");
    }
}
