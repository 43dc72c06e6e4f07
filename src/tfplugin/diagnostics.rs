//! Diagnostics (errors and warnings) and the attribute paths that let
//! Terraform point at the offending line of configuration.

use std::fmt;

/// One step of an [`AttributePath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep {
    /// An attribute or nested block type of an object.
    Attribute(String),
    /// An element of a list (or a block of a list-nested block).
    Index(i64),
    /// An element of a map.
    Key(String),
}

/// A path into a value, e.g. `auth_parameters[0].api_key[0].value`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttributePath(pub Vec<PathStep>);

impl AttributePath {
    pub fn root() -> AttributePath {
        AttributePath(Vec::new())
    }

    /// Shorthand for a path of attribute names only.
    pub fn of(names: &[&str]) -> AttributePath {
        AttributePath(names.iter().map(|n| PathStep::Attribute(n.to_string())).collect())
    }

    pub fn attr(&self, name: &str) -> AttributePath {
        self.with(PathStep::Attribute(name.to_string()))
    }

    pub fn index(&self, i: i64) -> AttributePath {
        self.with(PathStep::Index(i))
    }

    pub fn key(&self, k: &str) -> AttributePath {
        self.with(PathStep::Key(k.to_string()))
    }

    fn with(&self, step: PathStep) -> AttributePath {
        let mut steps = self.0.clone();
        steps.push(step);
        AttributePath(steps)
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The name of the last attribute step, e.g. `value_wo` of
    /// `header[0].value_wo`.
    pub fn last_attribute(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|step| match step {
            PathStep::Attribute(name) => Some(name.as_str()),
            _ => None,
        })
    }
}

impl fmt::Display for AttributePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                PathStep::Attribute(name) if i == 0 => write!(f, "{name}")?,
                PathStep::Attribute(name) => write!(f, ".{name}")?,
                PathStep::Index(n) => write!(f, "[{n}]")?,
                PathStep::Key(k) => write!(f, "[{k:?}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// An error or warning shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub summary: String,
    pub detail: String,
    /// Where in the configuration; `None` for the resource as a whole.
    pub path: Option<AttributePath>,
}

/// The diagnostics gathered while handling one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn error(&mut self, summary: impl Into<String>, detail: impl Into<String>) {
        self.push(Severity::Error, summary, detail, None);
    }

    pub fn error_at(&mut self, path: &AttributePath, summary: impl Into<String>, detail: impl Into<String>) {
        self.push(Severity::Error, summary, detail, Some(path.clone()));
    }

    pub fn warning(&mut self, summary: impl Into<String>, detail: impl Into<String>) {
        self.push(Severity::Warning, summary, detail, None);
    }

    pub fn warning_at(&mut self, path: &AttributePath, summary: impl Into<String>, detail: impl Into<String>) {
        self.push(Severity::Warning, summary, detail, Some(path.clone()));
    }

    fn push(
        &mut self,
        severity: Severity,
        summary: impl Into<String>,
        detail: impl Into<String>,
        path: Option<AttributePath>,
    ) {
        self.0.push(Diagnostic {
            severity,
            summary: summary.into(),
            detail: detail.into(),
            path,
        });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_terraform_addresses() {
        let p = AttributePath::of(&["auth_parameters"])
            .index(0)
            .attr("api_key")
            .index(0)
            .attr("value");
        assert_eq!(p.to_string(), "auth_parameters[0].api_key[0].value");
        assert_eq!(AttributePath::of(&["tags"]).key("a").to_string(), "tags[\"a\"]");
    }
}
