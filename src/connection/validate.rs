//! TEMPORARY compile shim; replaced by the validation rules.
use crate::tfplugin::{Diagnostics, Value};
pub fn validate(_config: &Value, _diags: &mut Diagnostics) {}
