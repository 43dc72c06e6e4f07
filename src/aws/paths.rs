//! File paths as users write them in a provider block: a leading `~/` is
//! the home directory, as in hashicorp/aws (`custom_ca_bundle`,
//! `web_identity_token_file`).

use std::path::PathBuf;

/// `~/x` → `$HOME/x`; anything else unchanged.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::expand_home;

    #[test]
    fn only_a_leading_tilde_slash_is_the_home_directory() {
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
        if let Some(home) = home {
            assert_eq!(expand_home("~/ca.pem"), home.join("ca.pem"));
        }
        assert_eq!(expand_home("/etc/ca.pem"), std::path::PathBuf::from("/etc/ca.pem"));
        assert_eq!(expand_home("a~/b"), std::path::PathBuf::from("a~/b"));
    }
}
