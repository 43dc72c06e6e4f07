//! The DynamicValue wire codec: msgpack both ways, JSON for decoding stored
//! state. Decoding is driven by the expected [`Type`], so malformed or
//! hostile bytes end in a [`CodecError`], never a panic, and objects always
//! come out with exactly the attributes of their type.

use rmp::Marker;
use std::collections::BTreeMap;

use super::diagnostics::AttributePath;
use super::value::{Number, Type, Value};

/// Why a value could not be decoded or encoded, and where.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CodecError {
    pub message: String,
    pub path: AttributePath,
}

impl CodecError {
    fn at(path: &AttributePath, message: impl Into<String>) -> CodecError {
        CodecError {
            message: message.into(),
            path: path.clone(),
        }
    }
}

/// Deepest nesting accepted for `dynamic` values, whose shape the schema
/// does not bound.
const MAX_DYNAMIC_DEPTH: usize = 32;

/// Decodes msgpack bytes as a value of type `ty`, straight from the bytes
/// (no intermediate tree): this is on every request's path.
pub fn decode_msgpack(bytes: &[u8], ty: &Type) -> Result<Value, CodecError> {
    let root = AttributePath::root();
    let mut rd = bytes;
    let value = read_msgpack(&mut rd, ty, &root, 0)?;
    if !rd.is_empty() {
        return Err(CodecError::at(&root, "malformed msgpack: trailing bytes"));
    }
    Ok(value)
}

fn malformed<E: std::fmt::Display>(path: &AttributePath) -> impl Fn(E) -> CodecError + '_ {
    move |e| CodecError::at(path, format!("malformed msgpack: {e}"))
}

fn advance<'a>(rd: &mut &'a [u8], n: usize, path: &AttributePath) -> Result<&'a [u8], CodecError> {
    if rd.len() < n {
        return Err(CodecError::at(path, "malformed msgpack: unexpected end"));
    }
    let (taken, rest) = rd.split_at(n);
    *rd = rest;
    Ok(taken)
}

fn is_str(m: Marker) -> bool {
    matches!(m, Marker::FixStr(_) | Marker::Str8 | Marker::Str16 | Marker::Str32)
}

fn read_string<'a>(rd: &mut &'a [u8], path: &AttributePath) -> Result<&'a str, CodecError> {
    let (text, rest) = rmp::decode::read_str_from_slice(*rd).map_err(|e| match e {
        rmp::decode::DecodeStringError::InvalidUtf8(..) => CodecError::at(path, "string is not valid UTF-8"),
        other => CodecError::at(path, format!("malformed msgpack: {other}")),
    })?;
    *rd = rest;
    Ok(text)
}

/// A length read from the input, bounded by the bytes left (every element
/// takes at least one), so hostile lengths cannot make huge allocations.
fn bounded(len: u32, rd: &[u8], path: &AttributePath) -> Result<usize, CodecError> {
    let len = len as usize;
    if len > rd.len() {
        return Err(CodecError::at(path, "malformed msgpack: length beyond the input"));
    }
    Ok(len)
}

fn read_msgpack(rd: &mut &[u8], ty: &Type, path: &AttributePath, depth: usize) -> Result<Value, CodecError> {
    let marker = Marker::from_u8(
        *rd.first()
            .ok_or_else(|| CodecError::at(path, "malformed msgpack: unexpected end"))?,
    );
    match marker {
        Marker::Null => {
            advance(rd, 1, path)?;
            return Ok(Value::Null);
        }
        // Terraform marks unknown values with an extension (code 0, or 12
        // for refined unknowns in newer releases); any extension is unknown.
        Marker::FixExt1
        | Marker::FixExt2
        | Marker::FixExt4
        | Marker::FixExt8
        | Marker::FixExt16
        | Marker::Ext8
        | Marker::Ext16
        | Marker::Ext32 => {
            let meta = rmp::decode::read_ext_meta(rd).map_err(malformed(path))?;
            advance(rd, meta.size as usize, path)?;
            return Ok(Value::Unknown);
        }
        Marker::Reserved => return Err(CodecError::at(path, "malformed msgpack: reserved marker")),
        _ => {}
    }
    let wrong = |what: &str| CodecError::at(path, format!("expected {what}, got {}", kind_of(marker)));
    match ty {
        Type::String if is_str(marker) => Ok(Value::string(read_string(rd, path)?)),
        Type::String => Err(wrong("a string")),
        Type::Bool => {
            let b = rmp::decode::read_bool(rd).map_err(|_| wrong("a bool"))?;
            Ok(Value::Bool(b))
        }
        Type::Number => match marker {
            Marker::F32 => Ok(Value::Number(Number::Float(f64::from(
                rmp::decode::read_f32(rd).map_err(malformed(path))?,
            )))),
            Marker::F64 => Ok(Value::Number(Number::Float(
                rmp::decode::read_f64(rd).map_err(malformed(path))?,
            ))),
            Marker::U64 => {
                let v: u64 = rmp::decode::read_int(rd).map_err(malformed(path))?;
                Ok(Value::Number(
                    i64::try_from(v).map_or_else(|_| Number::Big(v.to_string()), Number::Int),
                ))
            }
            Marker::FixPos(_)
            | Marker::FixNeg(_)
            | Marker::U8
            | Marker::U16
            | Marker::U32
            | Marker::I8
            | Marker::I16
            | Marker::I32
            | Marker::I64 => Ok(Value::Number(Number::Int(
                rmp::decode::read_int(rd).map_err(malformed(path))?,
            ))),
            m if is_str(m) => {
                let text = read_string(rd, path)?;
                parse_decimal(text).ok_or_else(|| CodecError::at(path, format!("{text:?} is not a number")))
            }
            _ => Err(wrong("a number")),
        },
        Type::List(elem) | Type::Set(elem) => {
            let len = rmp::decode::read_array_len(rd).map_err(|_| wrong("a list"))?;
            let len = bounded(len, rd, path)?;
            let mut out = Vec::with_capacity(len);
            for i in 0..len {
                out.push(read_msgpack(rd, elem, &path.index(i as i64), depth + 1)?);
            }
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(out)
            } else {
                Value::List(out)
            })
        }
        Type::Tuple(elems) => {
            let len = rmp::decode::read_array_len(rd).map_err(|_| wrong("a tuple"))? as usize;
            if len != elems.len() {
                return Err(CodecError::at(
                    path,
                    format!("expected a tuple of {} elements", elems.len()),
                ));
            }
            let mut out = Vec::with_capacity(len);
            for (i, t) in elems.iter().enumerate() {
                out.push(read_msgpack(rd, t, &path.index(i as i64), depth + 1)?);
            }
            Ok(Value::Tuple(out))
        }
        Type::Map(elem) => {
            let len = rmp::decode::read_map_len(rd).map_err(|_| wrong("a map"))?;
            let len = bounded(len, rd, path)?;
            let mut out = BTreeMap::new();
            for _ in 0..len {
                let key = read_key(rd, path)?;
                out.insert(key.to_string(), read_msgpack(rd, elem, &path.key(key), depth + 1)?);
            }
            Ok(Value::Map(out))
        }
        Type::Object(attrs) => {
            let len = rmp::decode::read_map_len(rd).map_err(|_| wrong("an object"))?;
            let len = bounded(len, rd, path)?;
            let mut out = BTreeMap::new();
            for _ in 0..len {
                let key = read_key(rd, path)?;
                let attr_ty = attrs
                    .get(key)
                    .ok_or_else(|| CodecError::at(path, format!("unsupported attribute {key:?}")))?;
                out.insert(key.to_string(), read_msgpack(rd, attr_ty, &path.attr(key), depth + 1)?);
            }
            // Be lenient about absent attributes (they read as null) so that
            // every object we hand on carries every attribute of its type.
            for name in attrs.keys() {
                out.entry(name.clone()).or_insert(Value::Null);
            }
            Ok(Value::Object(out))
        }
        Type::Dynamic => {
            if depth > MAX_DYNAMIC_DEPTH {
                return Err(CodecError::at(path, "dynamic value nested too deeply"));
            }
            let len = rmp::decode::read_array_len(rd).map_err(|_| wrong("a [type, value] pair"))?;
            if len != 2 {
                return Err(wrong("a [type, value] pair"));
            }
            let type_json = match Marker::from_u8(*rd.first().unwrap_or(&0xc1)) {
                Marker::Bin8 | Marker::Bin16 | Marker::Bin32 => {
                    let n = rmp::decode::read_bin_len(rd).map_err(malformed(path))? as usize;
                    serde_json::from_slice(advance(rd, n, path)?).ok()
                }
                m if is_str(m) => serde_json::from_str(read_string(rd, path)?).ok(),
                _ => None,
            };
            let concrete = type_json
                .as_ref()
                .and_then(Type::from_json)
                .ok_or_else(|| CodecError::at(path, "dynamic value has an invalid type"))?;
            if concrete == Type::Dynamic {
                return Err(CodecError::at(path, "dynamic value has no concrete type"));
            }
            read_msgpack(rd, &concrete, path, depth + 1)
        }
    }
}

fn read_key<'a>(rd: &mut &'a [u8], path: &AttributePath) -> Result<&'a str, CodecError> {
    match rd.first().map(|b| Marker::from_u8(*b)) {
        Some(m) if is_str(m) => read_string(rd, path),
        _ => Err(CodecError::at(path, "object key is not a string")),
    }
}

fn kind_of(marker: Marker) -> &'static str {
    match marker {
        Marker::Null => "null",
        Marker::True | Marker::False => "a bool",
        Marker::FixPos(_)
        | Marker::FixNeg(_)
        | Marker::U8
        | Marker::U16
        | Marker::U32
        | Marker::U64
        | Marker::I8
        | Marker::I16
        | Marker::I32
        | Marker::I64
        | Marker::F32
        | Marker::F64 => "a number",
        Marker::FixStr(_) | Marker::Str8 | Marker::Str16 | Marker::Str32 => "a string",
        Marker::Bin8 | Marker::Bin16 | Marker::Bin32 => "binary data",
        Marker::FixArray(_) | Marker::Array16 | Marker::Array32 => "an array",
        Marker::FixMap(_) | Marker::Map16 | Marker::Map32 => "a map",
        _ => "an extension",
    }
}

fn parse_decimal(text: &str) -> Option<Value> {
    let t = text.trim();
    if let Ok(i) = t.parse::<i64>() {
        return Some(Value::Number(Number::Int(i)));
    }
    let valid = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
        && t.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return None;
    }
    match t.parse::<f64>() {
        Ok(f) if f.is_finite() && f.to_string() == t => Some(Value::Number(Number::Float(f))),
        Ok(f) if f.is_finite() || t.len() > 300 => Some(Value::Number(Number::Big(t.to_string()))),
        Ok(_) => Some(Value::Number(Number::Big(t.to_string()))),
        Err(_) => None,
    }
}

/// Encodes `value` as msgpack for a slot of type `ty`.
pub fn encode_msgpack(value: &Value, ty: &Type) -> Result<Vec<u8>, CodecError> {
    let mut buf = Vec::new();
    write_msgpack(&mut buf, value, ty, &AttributePath::root())?;
    Ok(buf)
}

fn write_msgpack(buf: &mut Vec<u8>, value: &Value, ty: &Type, path: &AttributePath) -> Result<(), CodecError> {
    use rmp::encode as w;
    let mismatch = || CodecError::at(path, format!("value does not conform to type {}", ty.to_json()));
    match (value, ty) {
        (Value::Null, _) => w::write_nil(buf).or_write(path)?,
        // Unknown is extension 0 with a single zero byte, as cty writes it.
        (Value::Unknown, _) => {
            w::write_ext_meta(buf, 1, 0).map_err(|_| mismatch())?;
            buf.push(0);
        }
        (_, Type::Dynamic) => {
            let concrete = infer_type(value);
            w::write_array_len(buf, 2).or_write(path)?;
            let json = concrete.to_json().to_string();
            w::write_bin(buf, json.as_bytes()).or_write(path)?;
            write_msgpack(buf, value, &concrete, path)?;
        }
        (Value::String(s), Type::String) => w::write_str(buf, s).or_write(path)?,
        (Value::Bool(b), Type::Bool) => w::write_bool(buf, *b).or_write(path)?,
        // A number goes as its decimal text, the form cty itself falls back
        // on, so Terraform reads it as it reads a number in a state file
        // (cty.ParseNumberVal, 512 bits). An int or a float would come out
        // as a big.Float of 64 or 53 bits: equal, but not identical, and
        // Terraform 1.11 compares a refreshed object with the stored one
        // with reflect.DeepEqual (states.ManagedResourcesEqual, the cached
        // decoded value), so `plan -refresh-only -detailed-exitcode` said
        // "changes" for every object holding a number.
        (Value::Number(Number::Float(f)), Type::Number) if !f.is_finite() => w::write_f64(buf, *f).or_write(path)?,
        (Value::Number(n), Type::Number) => w::write_str(buf, &n.to_string()).or_write(path)?,
        (Value::List(items), Type::List(elem)) | (Value::Set(items), Type::Set(elem)) => {
            w::write_array_len(buf, items.len() as u32).or_write(path)?;
            for (i, item) in items.iter().enumerate() {
                write_msgpack(buf, item, elem, &path.index(i as i64))?;
            }
        }
        (Value::Tuple(items), Type::Tuple(elems)) if items.len() == elems.len() => {
            w::write_array_len(buf, items.len() as u32).or_write(path)?;
            for (i, (item, t)) in items.iter().zip(elems).enumerate() {
                write_msgpack(buf, item, t, &path.index(i as i64))?;
            }
        }
        (Value::Map(entries), Type::Map(elem)) => {
            w::write_map_len(buf, entries.len() as u32).or_write(path)?;
            for (k, v) in entries {
                w::write_str(buf, k).or_write(path)?;
                write_msgpack(buf, v, elem, &path.key(k))?;
            }
        }
        (Value::Object(fields), Type::Object(attrs)) => {
            // Exactly one entry per attribute of the type: Terraform rejects
            // objects with missing or extra attributes.
            if let Some(extra) = fields.keys().find(|k| !attrs.contains_key(*k)) {
                return Err(CodecError::at(path, format!("unsupported attribute {extra:?}")));
            }
            w::write_map_len(buf, attrs.len() as u32).or_write(path)?;
            for (name, attr_ty) in attrs {
                w::write_str(buf, name).or_write(path)?;
                let v = fields.get(name).unwrap_or(&Value::Null);
                write_msgpack(buf, v, attr_ty, &path.attr(name))?;
            }
        }
        _ => return Err(mismatch()),
    }
    Ok(())
}

/// Writing into a Vec cannot fail; the error types are only there for the
/// writer traits.
trait OrWrite<T> {
    fn or_write(self, path: &AttributePath) -> Result<T, CodecError>;
}

impl<T, E> OrWrite<T> for Result<T, E> {
    fn or_write(self, path: &AttributePath) -> Result<T, CodecError> {
        self.map_err(|_| CodecError::at(path, "write failed"))
    }
}

/// The concrete type of a known value, for encoding `dynamic` slots.
fn infer_type(value: &Value) -> Type {
    match value {
        Value::Null | Value::Unknown => Type::Dynamic,
        Value::Bool(_) => Type::Bool,
        Value::Number(_) => Type::Number,
        Value::String(_) => Type::String,
        Value::List(v) => Type::list(v.first().map_or(Type::Dynamic, infer_type)),
        Value::Set(v) => Type::set(v.first().map_or(Type::Dynamic, infer_type)),
        Value::Map(m) => Type::map(m.values().next().map_or(Type::Dynamic, infer_type)),
        Value::Object(m) => Type::Object(m.iter().map(|(k, v)| (k.clone(), infer_type(v))).collect()),
        Value::Tuple(v) => Type::Tuple(v.iter().map(infer_type).collect()),
    }
}

/// Decodes JSON (stored state, as Terraform keeps it in the state file) as a
/// value of type `ty`. Attributes the type lacks are an error unless
/// `ignore_extra` is set (older states may carry attributes since removed).
pub fn decode_json(bytes: &[u8], ty: &Type, ignore_extra: bool) -> Result<Value, CodecError> {
    let root = AttributePath::root();
    let json: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| CodecError::at(&root, format!("malformed JSON: {e}")))?;
    from_json(&json, ty, &root, ignore_extra, 0)
}

/// Converts an already parsed JSON value (see [`decode_json`]).
pub fn from_json(
    json: &serde_json::Value,
    ty: &Type,
    path: &AttributePath,
    ignore_extra: bool,
    depth: usize,
) -> Result<Value, CodecError> {
    use serde_json::Value as J;
    if json.is_null() {
        return Ok(Value::Null);
    }
    if depth > 256 {
        return Err(CodecError::at(path, "value nested too deeply"));
    }
    let wrong = |what: &str| CodecError::at(path, format!("expected {what}"));
    match (ty, json) {
        (Type::String, J::String(s)) => Ok(Value::string(s.clone())),
        // cty's JSON decoder accepts primitives in their string forms too.
        (Type::String, J::Number(n)) => Ok(Value::string(n.to_string())),
        (Type::String, J::Bool(b)) => Ok(Value::string(b.to_string())),
        (Type::Bool, J::Bool(b)) => Ok(Value::Bool(*b)),
        (Type::Bool, J::String(s)) if s == "true" || s == "false" => Ok(Value::Bool(s == "true")),
        (Type::Number, J::Number(n)) => Ok(Value::Number(if let Some(i) = n.as_i64() {
            Number::Int(i)
        } else if let Some(f) = n.as_f64().filter(|f| f.is_finite()) {
            Number::Float(f)
        } else {
            Number::Big(n.to_string())
        })),
        (Type::Number, J::String(s)) => parse_decimal(s).ok_or_else(|| wrong("a number")),
        (Type::List(elem) | Type::Set(elem), J::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(from_json(item, elem, &path.index(i as i64), ignore_extra, depth + 1)?);
            }
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(out)
            } else {
                Value::List(out)
            })
        }
        (Type::Tuple(elems), J::Array(items)) if items.len() == elems.len() => {
            let mut out = Vec::with_capacity(items.len());
            for (i, (item, t)) in items.iter().zip(elems).enumerate() {
                out.push(from_json(item, t, &path.index(i as i64), ignore_extra, depth + 1)?);
            }
            Ok(Value::Tuple(out))
        }
        (Type::Map(elem), J::Object(entries)) => {
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                out.insert(k.clone(), from_json(v, elem, &path.key(k), ignore_extra, depth + 1)?);
            }
            Ok(Value::Map(out))
        }
        (Type::Object(attrs), J::Object(entries)) => {
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                match attrs.get(k) {
                    Some(t) => {
                        out.insert(k.clone(), from_json(v, t, &path.attr(k), ignore_extra, depth + 1)?);
                    }
                    None if ignore_extra => {}
                    None => return Err(CodecError::at(path, format!("unsupported attribute {k:?}"))),
                }
            }
            for name in attrs.keys() {
                out.entry(name.clone()).or_insert(Value::Null);
            }
            Ok(Value::Object(out))
        }
        (Type::Dynamic, J::Object(pair)) => {
            let concrete = pair
                .get("type")
                .and_then(Type::from_json)
                .filter(|t| *t != Type::Dynamic)
                .ok_or_else(|| wrong("a dynamic value with a type"))?;
            let inner = pair.get("value").unwrap_or(&J::Null);
            from_json(inner, &concrete, path, ignore_extra, depth + 1)
        }
        (Type::String, _) => Err(wrong("a string")),
        (Type::Bool, _) => Err(wrong("a bool")),
        (Type::Number, _) => Err(wrong("a number")),
        (Type::List(_) | Type::Set(_), _) => Err(wrong("a list")),
        (Type::Tuple(_), _) => Err(wrong("a tuple")),
        (Type::Map(_), _) => Err(wrong("a map")),
        (Type::Object(_), _) => Err(wrong("an object")),
        (Type::Dynamic, _) => Err(wrong("a dynamic value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::value::object;

    fn obj_type() -> Type {
        Type::Object(
            [
                ("name".to_string(), Type::String),
                ("count".to_string(), Type::Number),
                ("tags".to_string(), Type::map(Type::String)),
                (
                    "items".to_string(),
                    Type::list(Type::Object([("k".to_string(), Type::Bool)].into())),
                ),
            ]
            .into(),
        )
    }

    #[test]
    fn an_object_round_trips_with_every_attribute_present() {
        let v = object([
            ("name", Value::string("x")),
            ("count", Value::int(3)),
            ("tags", Value::Null),
            ("items", Value::List(vec![object([("k", Value::Bool(true))])])),
        ]);
        let bytes = encode_msgpack(&v, &obj_type()).unwrap();
        assert_eq!(decode_msgpack(&bytes, &obj_type()).unwrap(), v);
    }

    #[test]
    fn missing_attributes_encode_as_null_so_terraform_sees_all_of_them() {
        let v = object([("name", Value::string("x"))]);
        let bytes = encode_msgpack(&v, &obj_type()).unwrap();
        let entries = rmp::decode::read_map_len(&mut &bytes[..]).unwrap();
        assert_eq!(entries, 4);
    }

    #[test]
    fn unknown_is_written_as_extension_zero_and_any_extension_reads_as_unknown() {
        let bytes = encode_msgpack(&Value::Unknown, &Type::String).unwrap();
        assert_eq!(bytes, vec![0xd4, 0x00, 0x00]);
        // A refined unknown (ext 12) from a newer Terraform.
        let refined = [0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc2];
        assert_eq!(decode_msgpack(&refined, &Type::String).unwrap(), Value::Unknown);
    }

    #[test]
    fn numbers_decode_from_int_float_and_decimal_string() {
        assert_eq!(decode_msgpack(&[0x05], &Type::Number).unwrap(), Value::int(5));
        let f = encode_msgpack(&Value::Number(Number::Float(1.5)), &Type::Number).unwrap();
        assert_eq!(
            decode_msgpack(&f, &Type::Number).unwrap(),
            Value::Number(Number::Float(1.5))
        );
        let big = rmp_string("123456789012345678901234567890");
        assert_eq!(
            decode_msgpack(&big, &Type::Number).unwrap(),
            Value::Number(Number::Big("123456789012345678901234567890".into()))
        );
    }

    #[test]
    fn numbers_are_written_as_their_decimal_text_as_a_state_file_holds_them() {
        for (n, text) in [
            (Number::Int(20), "20"),
            (Number::Int(-3), "-3"),
            (Number::Float(3.0), "3"),
            (Number::Float(1.5), "1.5"),
            (Number::Float(0.1), "0.1"),
            (
                Number::Big("123456789012345678901234567890".into()),
                "123456789012345678901234567890",
            ),
        ] {
            let bytes = encode_msgpack(&Value::Number(n.clone()), &Type::Number).unwrap();
            assert_eq!(bytes, rmp_string(text), "{n}");
            assert_eq!(
                decode_msgpack(&bytes, &Type::Number)
                    .unwrap()
                    .as_number()
                    .map(ToString::to_string),
                Some(text.to_string())
            );
        }
    }

    fn rmp_string(s: &str) -> Vec<u8> {
        let mut b = Vec::new();
        rmp::encode::write_str(&mut b, s).unwrap();
        b
    }

    #[test]
    fn malformed_bytes_are_an_error_not_a_panic() {
        for bytes in [
            &[0xa5, 0x61][..],
            &[0x92, 0x01][..],
            &[0xdd, 0xff, 0xff, 0xff, 0xff][..],
            &[0x81, 0x01, 0x02][..],
        ] {
            assert!(decode_msgpack(bytes, &obj_type()).is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn a_wrongly_typed_attribute_names_its_path() {
        let mut b = Vec::new();
        rmp::encode::write_map_len(&mut b, 1).unwrap();
        rmp::encode::write_str(&mut b, "count").unwrap();
        rmp::encode::write_str(&mut b, "many").unwrap();
        let err = decode_msgpack(&b, &obj_type()).unwrap_err();
        assert_eq!(err.path.to_string(), "count");
    }

    #[test]
    fn json_state_decodes_with_missing_attributes_as_null() {
        let v = decode_json(br#"{"name":"a","items":[{"k":false}]}"#, &obj_type(), false).unwrap();
        assert_eq!(v.attr("count"), &Value::Null);
        assert_eq!(v.attr("items").elements().len(), 1);
        assert!(decode_json(br#"{"gone":1}"#, &obj_type(), false).is_err());
        assert!(decode_json(br#"{"gone":1}"#, &obj_type(), true).is_ok());
    }

    #[test]
    fn dynamic_values_carry_their_type() {
        let v = Value::string("hello");
        let bytes = encode_msgpack(&v, &Type::Dynamic).unwrap();
        assert_eq!(decode_msgpack(&bytes, &Type::Dynamic).unwrap(), v);
    }
}
