//! The account safety rails: `allowed_account_ids` and
//! `forbidden_account_ids`, checked once per provider process (when it is
//! configured, so before any EventBridge call) against the account STS
//! GetCallerIdentity names for the provider's final credentials, roles
//! included. The connections' own `account_id` still comes from their ARN.

use super::errors::describe;

/// The provider block's account lists; empty: not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountRules {
    pub allowed: Vec<String>,
    pub forbidden: Vec<String>,
}

impl AccountRules {
    /// True when there is nothing to check (and so no call to make).
    pub fn is_empty(&self) -> bool {
        self.allowed.is_empty() && self.forbidden.is_empty()
    }
}

/// Who the credentials belong to, as STS says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub account: String,
    pub arn: String,
}

/// Why `id` cannot be an AWS account ID; None when it can.
pub fn account_id_problem(id: &str) -> Option<String> {
    (id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{id:?} is not an AWS account ID: account IDs are 12 digits, e.g. \"123456789012\"."))
}

/// STS GetCallerIdentity with `sts`.
pub async fn caller(sts: &aws_sdk_sts::Client) -> Result<Caller, String> {
    let out = sts.get_caller_identity().send().await.map_err(|e| describe(&e))?;
    Ok(Caller {
        account: out.account().unwrap_or_default().to_string(),
        arn: out.arn().unwrap_or_default().to_string(),
    })
}

fn listed(ids: &[String]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("{id:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Ok when `caller`'s account may be touched; else why not, naming the
/// account found and the list.
pub fn check(rules: &AccountRules, caller: &Caller) -> Result<(), String> {
    let who = if caller.arn.is_empty() {
        format!("AWS account {}", caller.account)
    } else {
        format!("AWS account {} ({})", caller.account, caller.arn)
    };
    if rules.forbidden.contains(&caller.account) {
        return Err(format!(
            "The credentials belong to {who}, which forbidden_account_ids {} lists. Nothing was changed.",
            listed(&rules.forbidden)
        ));
    }
    if !rules.allowed.is_empty() && !rules.allowed.contains(&caller.account) {
        return Err(format!(
            "The credentials belong to {who}, which is not in allowed_account_ids {}. Nothing was changed.",
            listed(&rules.allowed)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(account: &str) -> Caller {
        Caller {
            account: account.into(),
            arn: format!("arn:aws:sts::{account}:assumed-role/deploy/ci"),
        }
    }

    #[test]
    fn allowed_and_forbidden_lists_name_the_account_found() {
        let allow = AccountRules {
            allowed: vec!["123456789012".into()],
            forbidden: vec![],
        };
        assert_eq!(check(&allow, &caller("123456789012")), Ok(()));
        let e = check(&allow, &caller("210987654321")).unwrap_err();
        assert!(
            e.contains("AWS account 210987654321") && e.contains("allowed_account_ids [\"123456789012\"]"),
            "{e}"
        );
        let forbid = AccountRules {
            allowed: vec![],
            forbidden: vec!["123456789012".into(), "111111111111".into()],
        };
        let e = check(&forbid, &caller("123456789012")).unwrap_err();
        assert!(
            e.contains("forbidden_account_ids [\"123456789012\", \"111111111111\"]"),
            "{e}"
        );
        assert_eq!(check(&forbid, &caller("222222222222")), Ok(()));
    }

    #[test]
    fn account_ids_are_twelve_digits() {
        assert_eq!(account_id_problem("123456789012"), None);
        for bad in ["12345678901", "1234567890123", "12345678901a", ""] {
            assert!(account_id_problem(bad).is_some(), "{bad}");
        }
    }
}
