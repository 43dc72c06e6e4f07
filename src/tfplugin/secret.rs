//! A sensitive string: the value of an attribute the schema marks
//! sensitive, which no `Debug` output, log line or panic message may show.

use std::fmt;

use super::model::Field;
use super::value::Value;

/// A sensitive string; `Debug` prints a placeholder.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<sensitive>)")
    }
}

/// Null reads as `""`.
impl Field for Secret {
    fn read(v: &Value) -> Secret {
        Secret(String::read(v))
    }
    fn write(&self) -> Value {
        Value::string(self.0.as_str())
    }
}

impl Field for Option<Secret> {
    fn read(v: &Value) -> Option<Secret> {
        v.as_str().map(|s| Secret(s.to_string()))
    }
    fn write(&self) -> Value {
        Value::opt_string(self.as_ref().map(Secret::expose))
    }
}
