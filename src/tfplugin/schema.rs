//! Schemas: what a provider, resource or data source accepts, built with a
//! small fluent API that reads like the documentation.
//!
//! ```ignore
//! Block::new()
//!     .attr("name", Attribute::string().required().replaces().doc("Name of the connection."))
//!     .attr("is_value_secret", Attribute::bool().optional().default(Value::Bool(false)))
//!     .block("auth_parameters", NestedBlock::list(auth_parameters()).min(1).max(1))
//! ```

use std::collections::BTreeMap;

use super::check::Check;
use super::value::{Type, Value};

/// A versioned schema; the version drives `UpgradeResourceState`.
#[derive(Clone, Debug)]
pub struct Schema {
    pub version: i64,
    pub block: Block,
}

impl Schema {
    pub fn new(block: Block) -> Schema {
        Schema { version: 0, block }
    }

    pub fn version(mut self, version: i64) -> Schema {
        self.version = version;
        self
    }

    /// The object type of a value conforming to this schema.
    pub fn value_type(&self) -> Type {
        self.block.value_type()
    }
}

/// A block: attributes plus nested block types.
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub attributes: Vec<(String, Attribute)>,
    pub blocks: Vec<(String, NestedBlock)>,
    pub description: String,
    pub deprecated: bool,
}

impl Block {
    pub fn new() -> Block {
        Block::default()
    }

    pub fn attr(mut self, name: &str, attribute: Attribute) -> Block {
        self.attributes.push((name.to_string(), attribute));
        self
    }

    pub fn block(mut self, name: &str, block: NestedBlock) -> Block {
        self.blocks.push((name.to_string(), block));
        self
    }

    pub fn doc(mut self, description: &str) -> Block {
        self.description = description.to_string();
        self
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }

    /// Adds `check` to attribute `name` of this block: for a block shared
    /// by several uses whose attributes follow other rules in each.
    pub fn check(mut self, name: &str, check: Check) -> Block {
        if let Some((_, attribute)) = self.attributes.iter_mut().find(|(n, _)| n == name) {
            attribute.checks.push(check);
        }
        self
    }

    pub fn nested(&self, name: &str) -> Option<&NestedBlock> {
        self.blocks.iter().find(|(n, _)| n == name).map(|(_, b)| b)
    }

    /// The object type implied by this block: attributes by their type,
    /// nested blocks as object / list / set / map of their block's type.
    pub fn value_type(&self) -> Type {
        let mut fields = BTreeMap::new();
        for (name, attr) in &self.attributes {
            fields.insert(name.clone(), attr.ty.clone());
        }
        for (name, nested) in &self.blocks {
            let inner = nested.block.value_type();
            let ty = match nested.nesting {
                Nesting::Single | Nesting::Group => inner,
                Nesting::List => Type::list(inner),
                Nesting::Set => Type::set(inner),
                Nesting::Map => Type::map(inner),
            };
            fields.insert(name.clone(), ty);
        }
        Type::Object(fields)
    }
}

/// How a nested block repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nesting {
    /// At most one block; the value is an object or null.
    Single,
    /// Exactly one block, possibly empty; the value is never null.
    Group,
    /// Zero or more blocks; the value is a list, empty when none.
    List,
    Set,
    Map,
}

#[derive(Clone, Debug)]
pub struct NestedBlock {
    pub nesting: Nesting,
    pub block: Block,
    pub min_items: i64,
    pub max_items: i64,
}

impl NestedBlock {
    pub fn single(block: Block) -> NestedBlock {
        NestedBlock {
            nesting: Nesting::Single,
            block,
            min_items: 0,
            max_items: 0,
        }
    }

    pub fn list(block: Block) -> NestedBlock {
        NestedBlock {
            nesting: Nesting::List,
            block,
            min_items: 0,
            max_items: 0,
        }
    }

    pub fn set(block: Block) -> NestedBlock {
        NestedBlock {
            nesting: Nesting::Set,
            ..NestedBlock::list(block)
        }
    }

    pub fn min(mut self, n: i64) -> NestedBlock {
        self.min_items = n;
        self
    }

    pub fn max(mut self, n: i64) -> NestedBlock {
        self.max_items = n;
        self
    }
}

/// An attribute: its type and how Terraform treats it.
#[derive(Clone, Debug)]
pub struct Attribute {
    pub ty: Type,
    pub description: String,
    pub required: bool,
    pub optional: bool,
    pub computed: bool,
    pub sensitive: bool,
    /// Never stored in plan or state (protocol 6.8, Terraform >= 1.11).
    pub write_only: bool,
    pub deprecated: bool,
    /// A planned change of this attribute replaces the object; the server
    /// answers `requires_replace` from this flag.
    pub replaces: bool,
    /// Planned where the configuration leaves the attribute unset (the
    /// attribute must be computed, as Terraform requires).
    pub default: Option<Value>,
    /// Run by the server on every known value (see [`Check`]).
    pub checks: Vec<Check>,
}

impl Attribute {
    pub fn of(ty: Type) -> Attribute {
        Attribute {
            ty,
            description: String::new(),
            required: false,
            optional: false,
            computed: false,
            sensitive: false,
            write_only: false,
            deprecated: false,
            replaces: false,
            default: None,
            checks: Vec::new(),
        }
    }

    pub fn string() -> Attribute {
        Attribute::of(Type::String)
    }

    pub fn number() -> Attribute {
        Attribute::of(Type::Number)
    }

    pub fn bool() -> Attribute {
        Attribute::of(Type::Bool)
    }

    pub fn required(mut self) -> Attribute {
        self.required = true;
        self
    }

    pub fn optional(mut self) -> Attribute {
        self.optional = true;
        self
    }

    pub fn computed(mut self) -> Attribute {
        self.computed = true;
        self
    }

    pub fn sensitive(mut self) -> Attribute {
        self.sensitive = true;
        self
    }

    pub fn write_only(mut self) -> Attribute {
        self.write_only = true;
        self
    }

    pub fn replaces(mut self) -> Attribute {
        self.replaces = true;
        self
    }

    /// The value planned when the configuration leaves the attribute unset;
    /// makes it computed.
    pub fn default(mut self, value: Value) -> Attribute {
        self.default = Some(value);
        self.computed = true;
        self
    }

    /// A check the server runs on every known value of the attribute.
    pub fn check(mut self, check: Check) -> Attribute {
        self.checks.push(check);
        self
    }

    pub fn deprecated(mut self) -> Attribute {
        self.deprecated = true;
        self
    }

    /// Markdown description; becomes the registry documentation.
    pub fn doc(mut self, description: &str) -> Attribute {
        self.description = description.to_string();
        self
    }
}

/// The identity of a managed resource (protocol 6.9): the attributes that
/// name one remote object, for import by identity.
#[derive(Clone, Debug)]
pub struct IdentitySchema {
    pub version: i64,
    pub attributes: Vec<IdentityAttribute>,
}

#[derive(Clone, Debug)]
pub struct IdentityAttribute {
    pub name: String,
    pub ty: Type,
    pub required_for_import: bool,
    pub description: String,
}

impl IdentitySchema {
    pub fn value_type(&self) -> Type {
        Type::Object(self.attributes.iter().map(|a| (a.name.clone(), a.ty.clone())).collect())
    }
}
