//! Terraform values and types, independent of any wire encoding.
//!
//! A [`Value`] is what Terraform's type system (cty) can express: null,
//! unknown (known only after apply), or a known primitive / collection /
//! object. Objects always carry every attribute of their type; the codec
//! guarantees it in both directions.

use std::collections::BTreeMap;
use std::fmt;

/// A Terraform type, as used in schemas and to drive the wire codec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    String,
    Number,
    Bool,
    /// Any type; encoded on the wire together with its concrete type.
    Dynamic,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>),
    Object(BTreeMap<String, Type>),
    Tuple(Vec<Type>),
}

impl Type {
    pub fn list(element: Type) -> Type {
        Type::List(Box::new(element))
    }
    pub fn set(element: Type) -> Type {
        Type::Set(Box::new(element))
    }
    pub fn map(element: Type) -> Type {
        Type::Map(Box::new(element))
    }

    /// The compact JSON form Terraform uses in schemas: `"string"`,
    /// `["list","string"]`, `["object",{"a":"bool"}]`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Type::String => json!("string"),
            Type::Number => json!("number"),
            Type::Bool => json!("bool"),
            Type::Dynamic => json!("dynamic"),
            Type::List(e) => json!(["list", e.to_json()]),
            Type::Set(e) => json!(["set", e.to_json()]),
            Type::Map(e) => json!(["map", e.to_json()]),
            Type::Object(attrs) => {
                let fields: serde_json::Map<String, serde_json::Value> =
                    attrs.iter().map(|(k, t)| (k.clone(), t.to_json())).collect();
                json!(["object", fields])
            }
            Type::Tuple(elems) => {
                json!(["tuple", elems.iter().map(Type::to_json).collect::<Vec<_>>()])
            }
        }
    }

    /// Parses the compact JSON type form (the inverse of [`Type::to_json`]).
    pub fn from_json(json: &serde_json::Value) -> Option<Type> {
        use serde_json::Value as J;
        match json {
            J::String(s) => match s.as_str() {
                "string" => Some(Type::String),
                "number" => Some(Type::Number),
                "bool" => Some(Type::Bool),
                "dynamic" => Some(Type::Dynamic),
                _ => None,
            },
            J::Array(parts) if parts.len() == 2 => {
                let kind = parts[0].as_str()?;
                match (kind, &parts[1]) {
                    ("list", e) => Some(Type::list(Type::from_json(e)?)),
                    ("set", e) => Some(Type::set(Type::from_json(e)?)),
                    ("map", e) => Some(Type::map(Type::from_json(e)?)),
                    ("object", J::Object(fields)) => {
                        let mut attrs = BTreeMap::new();
                        for (k, t) in fields {
                            attrs.insert(k.clone(), Type::from_json(t)?);
                        }
                        Some(Type::Object(attrs))
                    }
                    ("tuple", J::Array(elems)) => Some(Type::Tuple(
                        elems.iter().map(Type::from_json).collect::<Option<Vec<_>>>()?,
                    )),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// A number as Terraform carries it: integers and floats as such, anything
/// beyond them as its decimal text.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
    /// A decimal that fits neither i64 nor f64 exactly.
    Big(String),
}

impl Number {
    /// The value as an i64 when it is a whole number in range.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(*i),
            Number::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(*f as i64),
            Number::Float(_) => None,
            Number::Big(s) => s.parse().ok(),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{x}"),
            Number::Big(s) => f.write_str(s),
        }
    }
}

/// A Terraform value.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    /// Not known until apply.
    Unknown,
    Bool(bool),
    Number(Number),
    String(String),
    List(Vec<Value>),
    Set(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Object(BTreeMap<String, Value>),
    Tuple(Vec<Value>),
}

impl Value {
    pub fn string(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    /// `Some(s)` → known string, `None` → null.
    pub fn opt_string(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::Null, |s| Value::String(s.into()))
    }

    pub fn int(i: i64) -> Value {
        Value::Number(Number::Int(i))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Attribute `name` of an object; `Null` for anything else.
    pub fn attr(&self, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        match self {
            Value::Object(m) => m.get(name).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    /// Mutable attribute of an object (None when not an object or absent).
    pub fn attr_mut(&mut self, name: &str) -> Option<&mut Value> {
        match self {
            Value::Object(m) => m.get_mut(name),
            _ => None,
        }
    }

    /// Elements of a list, set or tuple; empty for anything else (null,
    /// unknown), which is how a block list with no blocks reads.
    pub fn elements(&self) -> &[Value] {
        match self {
            Value::List(v) | Value::Set(v) | Value::Tuple(v) => v,
            _ => &[],
        }
    }

    /// The first element of a list (a `max_items = 1` block), if any.
    pub fn first(&self) -> Option<&Value> {
        self.elements().first()
    }
}

/// Builds an object value from `(name, value)` pairs.
pub fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}
