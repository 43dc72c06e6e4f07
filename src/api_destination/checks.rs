//! The checks of each argument of `eventbridge_api_destination`, attached
//! in `schema.rs` and run by the plugin layer on every known value (at
//! plan, and at apply for values unknown at plan). The rules are the
//! CreateApiDestination model's (service model 2015-10-07).

use super::KIND;
use crate::aws::regional::checks as shared;
use crate::aws::text_rule::{endpoint_problem, length_words, utf16_len};
use crate::tfplugin::{AttributePath, Check, Diagnostics, Value};

/// `ApiDestinationHttpMethod`.
pub const HTTP_METHODS: [&str; 7] = ["POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"];

/// `ConnectionArn`'s length: 1–1600.
pub const MAX_CONNECTION_ARN: usize = 1600;

pub const NAME: Check = Check {
    rule: shared::name_rule,
    run: |v, at, diags| shared::name(&KIND, v, at, diags),
};

pub const CONNECTION_ARN: Check = Check {
    rule: || {
        format!(
            "The ARN of an EventBridge connection, `arn:PARTITION:events:REGION:ACCOUNT:connection/NAME/ID`, up to \
             {MAX_CONNECTION_ARN} characters."
        )
    },
    run: connection_arn,
};

pub const INVOCATION_ENDPOINT: Check = Check {
    rule: || {
        format!(
            "An https URL with a host, 1 to {} characters, other characters percent-encoded (`%XX`).",
            crate::aws::text_rule::MAX_ENDPOINT
        )
    },
    run: invocation_endpoint,
};

pub const HTTP_METHOD: Check = Check {
    rule: || format!("One of `{}`.", HTTP_METHODS.join("`, `")),
    run: http_method,
};

pub const RATE: Check = Check {
    rule: || format!("A whole number, at least 1 and at most {}.", i32::MAX),
    run: rate,
};

/// Why `arn` is not what the model's `ConnectionArn` pattern takes,
/// `^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:connection\/[\.\-_A-Za-z0-9]+\/[\-A-Za-z0-9]+$`;
/// None when it is.
pub fn connection_arn_problem(arn: &str) -> Option<String> {
    let n = utf16_len(arn);
    if n > MAX_CONNECTION_ARN {
        return Some(format!(
            "{}; AWS allows at most {MAX_CONNECTION_ARN}",
            length_words(n, arn.chars().count())
        ));
    }
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [arn_word, partition, service, region, account, resource] = parts.as_slice() else {
        return Some("is not an ARN".into());
    };
    let partition_ok = partition
        .strip_prefix("aws")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    if *arn_word != "arn" || !partition_ok {
        return Some("is not an AWS ARN".into());
    }
    if *service != "events" {
        return Some(format!("is an ARN of {service:?}, not of EventBridge (events)"));
    }
    let region_ok = region
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let account_ok = account.is_empty() || (account.len() == 12 && account.chars().all(|c| c.is_ascii_digit()));
    if !region_ok || !account_ok {
        return Some("has no valid Region and account".into());
    }
    let mut path = resource.splitn(3, '/');
    let (Some(kind), Some(name), Some(id)) = (path.next(), path.next(), path.next()) else {
        return Some("is not a connection ARN (connection/NAME/ID)".into());
    };
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c));
    let id_ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if kind != "connection" {
        return Some(format!("is the ARN of {kind:?}, not of a connection"));
    }
    if !name_ok || !id_ok {
        return Some("is not a connection ARN (connection/NAME/ID)".into());
    }
    None
}

fn connection_arn(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(problem) = v.as_str().and_then(connection_arn_problem) else {
        return;
    };
    diags.error_at(
        at,
        "Invalid connection ARN",
        format!(
            "connection_arn {problem}. Give the ARN of an EventBridge connection, usually \
             eventbridge_connection.NAME.arn, e.g. \
             \"arn:aws:events:us-east-1:123456789012:connection/crm-api/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"."
        ),
    );
}

/// AWS's `HttpsEndpoint`, and https: the model's pattern takes any
/// scheme, but AWS's user guide says the URL must use HTTPS, and
/// EventBridge calls nothing else.
fn invocation_endpoint(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(problem) = v.as_str().and_then(|url| endpoint_problem(url, &["https"])) else {
        return;
    };
    let plain = v
        .as_str()
        .is_some_and(|url| url.to_ascii_lowercase().starts_with("http://"));
    let why = if plain {
        " EventBridge invokes API destinations over HTTPS only (AWS's user guide: the URL must use HTTPS); \
         put a TLS endpoint in front of a plain-HTTP service, or reach a private one through the connection's \
         invocation_connectivity_parameters."
    } else {
        ""
    };
    diags.error_at(
        at,
        "Invalid invocation endpoint",
        format!("{at} {problem}. Give the full URL EventBridge calls, e.g. \"https://api.example.com/orders\".{why}"),
    );
}

fn http_method(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(method) = v.as_str() else { return };
    if !HTTP_METHODS.contains(&method) {
        diags.error_at(
            at,
            "Invalid HTTP method",
            format!(
                "http_method is {method:?}; an API destination is called with one of \"{}\" (in capitals).",
                HTTP_METHODS.join("\", \"")
            ),
        );
    }
}

fn rate(v: &Value, at: &AttributePath, diags: &mut Diagnostics) {
    let Some(n) = v.as_number() else { return };
    // AWS's integer is 32 bits wide.
    let whole = n.as_i64().and_then(|n| i32::try_from(n).ok());
    if whole.is_none_or(|n| n < 1) {
        diags.error_at(
            at,
            "Invalid invocation rate",
            format!(
                "invocation_rate_limit_per_second is {n}; it must be a whole number of calls per second, at least 1 \
                 and at most {} (remove it for AWS's default of 300).",
                i32::MAX
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_arns_are_read_as_the_model_reads_them() {
        let ok = "arn:aws:events:us-east-1:123456789012:connection/crm-api/0f1e2d3c-4b5a-6978";
        assert_eq!(connection_arn_problem(ok), None);
        assert_eq!(
            connection_arn_problem("arn:aws-cn:events:cn-north-1::connection/a.b_c/x-1"),
            None
        );
        for bad in [
            "",
            "crm-api",
            "arn:aws:events:us-east-1:123456789012:api-destination/crm-api/0f1e",
            "arn:aws:lambda:us-east-1:123456789012:function:crm",
            "arn:aws:events:us-east-1:12345:connection/crm-api/0f1e",
            "arn:aws:events:us-east-1:123456789012:connection/crm-api",
            "arn:aws:events:us-east-1:123456789012:connection/crm api/0f1e",
            "arn:aws:events:us-east-1:123456789012:connection/crm-api/0f1e/x",
            "arn:azure:events:us-east-1:123456789012:connection/crm-api/0f1e",
        ] {
            assert!(connection_arn_problem(bad).is_some(), "{bad:?} passed");
        }
        let long = format!("{ok}{}", "a".repeat(MAX_CONNECTION_ARN));
        assert!(connection_arn_problem(&long).unwrap().contains("1600"));
    }

    #[test]
    fn a_bad_name_is_an_api_destination_name_with_an_an() {
        let mut diags = Diagnostics::new();
        (NAME.run)(
            &Value::string("orders/webhook"),
            &AttributePath::of(&["name"]),
            &mut diags,
        );
        let d: Vec<(&str, &str)> = diags.iter().map(|d| (d.summary.as_str(), d.detail.as_str())).collect();
        assert_eq!(
            d,
            [(
                "Invalid API destination name",
                "An API destination name may only contain letters, digits, '.', '-' and '_'; \"orders/webhook\" \
                 contains '/'."
            )]
        );
        let e = crate::aws::regional::import_id::parse(&KIND, "orders webhook").unwrap_err();
        assert!(
            e.starts_with(
                "\"orders webhook\" does not name an API destination: An API destination name may only contain"
            ),
            "{e}"
        );
        let e =
            crate::aws::regional::import_id::parse(&KIND, "arn:aws:events:us-east-1:123456789012:rule/x").unwrap_err();
        assert!(e.contains("is not the ARN of an API destination"), "{e}");
    }
}
