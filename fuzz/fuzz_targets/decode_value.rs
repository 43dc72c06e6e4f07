//! The value decoder on arbitrary bytes, as msgpack and as JSON, with the
//! connection's schema type: an error is fine, a panic or a hang is not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terraform_provider_eventbridge::connection::schema::schema;
use terraform_provider_eventbridge::tfplugin::{decode_json, decode_msgpack, encode_msgpack};

fuzz_target!(|data: &[u8]| {
    let ty = schema().value_type();
    if let Ok(value) = decode_msgpack(data, &ty) {
        // Whatever decodes must encode again.
        let _ = encode_msgpack(&value, &ty).expect("a decoded value re-encodes");
    }
    let _ = decode_json(data, &ty, false);
});
