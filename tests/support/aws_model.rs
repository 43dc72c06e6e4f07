//! The EventBridge service model (botocore's `events/2015-10-07`), read at
//! test time and evaluated the way AWS evaluates it: every input shape's
//! required members, lengths (in UTF-16 code units, as Java counts them),
//! enums, list sizes and `pattern`s with `java.util.regex` semantics on the
//! whole value. The fault proxy checks every request against it, and the
//! differential test compares the provider's validation with it.
//!
//! Where the model comes from: `$EVB_AWS_MODEL` (a `.json.gz` or `.json`),
//! else the botocore that moto installed under `target/emu-venv` or
//! `target/emu-py`. Nothing here is copied from the model by hand.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use serde_json::{Map, Value as Json};

/// Where botocore keeps the model, below its package directory.
const MODEL_IN_BOTOCORE: &str = "data/events/2015-10-07/service-2.json";

/// The input constraints of one shape, as the model states them.
#[derive(Clone, Debug)]
pub struct Constraints {
    /// The shape's name in the model, e.g. `AuthHeaderParametersSensitive`.
    pub shape: String,
    /// The model's type: string, structure, list, boolean, integer, ...
    pub kind: String,
    /// Least length (strings: UTF-16 units; lists: entries) or value (numbers).
    pub min: Option<i64>,
    /// Greatest length or value.
    pub max: Option<i64>,
    /// The pattern as the model writes it (Java syntax).
    pub pattern: Option<String>,
    /// `pattern` translated to a whole-value Rust regex, or why it cannot
    /// be (a construct the `regex` crate lacks, e.g. lookahead).
    regex: Option<Result<Regex, String>>,
    pub enum_values: Option<Vec<String>>,
    /// AWS never quotes the value of a sensitive member.
    pub sensitive: bool,
}

impl Constraints {
    /// What AWS would say about `value` for a member of this string shape:
    /// one "Member must ..." line per broken constraint, none when it is
    /// accepted.
    pub fn string_violations(&self, value: &str) -> Vec<String> {
        let mut out = Vec::new();
        let units = utf16_len(value) as i64;
        if let Some(min) = self.min.filter(|min| units < *min) {
            out.push(format!("Member must have length greater than or equal to {min}"));
        }
        if let Some(max) = self.max.filter(|max| units > *max) {
            out.push(format!("Member must have length less than or equal to {max}"));
        }
        if let (Some(pattern), Some(regex)) = (&self.pattern, &self.regex) {
            let regex = regex.as_ref().unwrap_or_else(|why| {
                panic!(
                    "the model's pattern of shape {} cannot be evaluated by this harness: {why}",
                    self.shape
                )
            });
            if !regex.is_match(value) {
                out.push(format!("Member must satisfy regular expression pattern: {pattern}"));
            }
        }
        if let Some(values) = &self.enum_values {
            if !values.iter().any(|v| v == value) {
                out.push(format!("Member must satisfy enum value set: [{}]", values.join(", ")));
            }
        }
        out
    }
}

/// Whether AWS accepts `value` for a member with these constraints.
pub fn accepts(constraints: &Constraints, value: &str) -> bool {
    constraints.string_violations(value).is_empty()
}

/// Length as Java counts it: UTF-16 code units (a character outside the
/// Basic Multilingual Plane counts 2).
pub fn utf16_len(value: &str) -> usize {
    value.encode_utf16().count()
}

/// One broken constraint of a request, as AWS reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// AWS's member path: lower camel case, lists as `list.1.member`
    /// (1-based), e.g. `authParameters.invocationHttpParameters.headerParameters.1.member.value`.
    pub path: String,
    /// "Member must ..." as in AWS's ValidationException.
    pub constraint: String,
    /// The offending value as AWS quotes it: `None` when the member is
    /// sensitive (AWS does not quote it) or absent ("Value null").
    pub value: Option<String>,
    /// The member was absent (required) rather than wrong.
    pub missing: bool,
    pub sensitive: bool,
}

impl Violation {
    /// The sentence AWS puts in its ValidationException message.
    pub fn message(&self) -> String {
        let value = match (&self.value, self.missing) {
            (_, true) => "Value null at".to_string(),
            (Some(v), false) => format!("Value '{v}' at"),
            (None, false) => "Value at".to_string(),
        };
        format!(
            "{value} '{}' failed to satisfy constraint: {}",
            self.path, self.constraint
        )
    }

    /// The violation without any value: safe for logs and panics.
    pub fn redacted(&self) -> String {
        format!("'{}' failed to satisfy constraint: {}", self.path, self.constraint)
    }
}

/// AWS's ValidationException message for a list of violations.
pub fn validation_message(violations: &[Violation]) -> String {
    let n = violations.len();
    let plural = if n == 1 { "error" } else { "errors" };
    let list: Vec<String> = violations.iter().map(Violation::message).collect();
    format!("{n} validation {plural} detected: {}", list.join("; "))
}

/// The loaded model: operations, shapes and the compiled constraints of
/// every shape.
pub struct Model {
    pub source: PathBuf,
    operations: Map<String, Json>,
    shapes: Map<String, Json>,
    constraints: HashMap<String, Constraints>,
}

impl Model {
    /// Reads and compiles the model at `path` (`.json.gz` or `.json`).
    pub fn load(path: &Path) -> Result<Model, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = if path.extension().is_some_and(|e| e == "gz") {
            let mut out = String::new();
            flate2::read::GzDecoder::new(bytes.as_slice())
                .read_to_string(&mut out)
                .map_err(|e| format!("cannot decompress {}: {e}", path.display()))?;
            out
        } else {
            String::from_utf8(bytes).map_err(|e| format!("{} is not UTF-8: {e}", path.display()))?
        };
        let mut json: Json = serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        let take = |json: &mut Json, key: &str| match json.get_mut(key).map(Json::take) {
            Some(Json::Object(m)) => Ok(m),
            _ => Err(format!("{} has no \"{key}\" object", path.display())),
        };
        let operations = take(&mut json, "operations")?;
        let shapes = take(&mut json, "shapes")?;
        let mut constraints = HashMap::new();
        for (name, shape) in &shapes {
            let pattern = shape.get("pattern").and_then(Json::as_str).map(str::to_string);
            // A pattern that cannot be translated fails only a request that
            // uses its shape (none of the connection operations do today).
            let regex = pattern.as_deref().map(java_regex);
            constraints.insert(
                name.clone(),
                Constraints {
                    shape: name.clone(),
                    kind: shape.get("type").and_then(Json::as_str).unwrap_or_default().to_string(),
                    min: shape.get("min").and_then(Json::as_i64),
                    max: shape.get("max").and_then(Json::as_i64),
                    pattern,
                    regex,
                    enum_values: shape
                        .get("enum")
                        .and_then(Json::as_array)
                        .map(|values| values.iter().filter_map(Json::as_str).map(str::to_string).collect()),
                    sensitive: shape.get("sensitive").and_then(Json::as_bool).unwrap_or(false),
                },
            );
        }
        Ok(Model {
            source: path.to_path_buf(),
            operations,
            shapes,
            constraints,
        })
    }

    /// The input shape of an operation, e.g. `CreateConnectionRequest`.
    pub fn input_shape(&self, operation: &str) -> Option<&str> {
        self.operations.get(operation)?.get("input")?.get("shape")?.as_str()
    }

    /// The constraints of a member of an operation's input, by the path of
    /// member names (lists are walked through to their member; a map's key
    /// and value are the steps `{key}` and `{value}`):
    /// `("CreateConnection", "AuthParameters.ApiKeyAuthParameters.ApiKeyValue")`,
    /// `("PutTargets", "Targets.HttpParameters.HeaderParameters.{key}")`.
    pub fn constraints(&self, operation: &str, path: &str) -> Option<Constraints> {
        let mut shape = self.input_shape(operation)?.to_string();
        let mut sensitive_ref = false;
        for step in path.split('.') {
            shape = self.through_lists(&shape)?;
            let def = self.shapes.get(&shape)?;
            let member = match step {
                "{key}" if def["type"] == "map" => def.get("key")?,
                "{value}" if def["type"] == "map" => def.get("value")?,
                _ => def.get("members")?.get(step)?,
            };
            sensitive_ref = member.get("sensitive").and_then(Json::as_bool).unwrap_or(false);
            shape = member.get("shape")?.as_str()?.to_string();
        }
        let shape = self.through_lists(&shape).unwrap_or(shape);
        let mut c = self.constraints.get(&shape)?.clone();
        c.sensitive |= sensitive_ref;
        Some(c)
    }

    /// The member names of the structure at `path` below an operation's
    /// input (`""`: the input itself).
    pub fn member_names(&self, operation: &str, path: &str) -> Vec<String> {
        let mut shape = match self.input_shape(operation) {
            Some(s) => s.to_string(),
            None => return Vec::new(),
        };
        for step in path.split('.').filter(|s| !s.is_empty()) {
            let next = self.through_lists(&shape).and_then(|s| {
                self.shapes
                    .get(&s)?
                    .get("members")?
                    .get(step)?
                    .get("shape")?
                    .as_str()
                    .map(str::to_string)
            });
            match next {
                Some(s) => shape = s,
                None => return Vec::new(),
            }
        }
        self.through_lists(&shape)
            .and_then(|s| {
                self.shapes
                    .get(&s)?
                    .get("members")?
                    .as_object()
                    .map(|m| m.keys().cloned().collect())
            })
            .unwrap_or_default()
    }

    /// The member shape of a list shape (repeatedly); other shapes as is.
    fn through_lists(&self, shape: &str) -> Option<String> {
        let mut shape = shape.to_string();
        while let Some(def) = self.shapes.get(&shape).filter(|d| d["type"] == "list") {
            shape = def.get("member")?.get("shape")?.as_str()?.to_string();
        }
        Some(shape)
    }

    /// Every violation AWS would report for `body` as the input of
    /// `operation`; `Err` when the model has no such operation.
    pub fn validate(&self, operation: &str, body: &Json) -> Result<Vec<Violation>, String> {
        let shape = self
            .input_shape(operation)
            .ok_or_else(|| format!("the model has no operation {operation}"))?;
        let mut out = Vec::new();
        self.check(shape, false, body, "", &mut out);
        Ok(out)
    }

    fn check(&self, shape: &str, sensitive_ref: bool, value: &Json, path: &str, out: &mut Vec<Violation>) {
        let (Some(def), Some(c)) = (self.shapes.get(shape), self.constraints.get(shape)) else {
            return;
        };
        let sensitive = sensitive_ref || c.sensitive;
        let mut push = |constraint: String, quoted: Option<String>| {
            out.push(Violation {
                path: path.to_string(),
                constraint,
                value: if sensitive { None } else { quoted },
                missing: false,
                sensitive,
            })
        };
        match (c.kind.as_str(), value) {
            ("structure", Json::Object(fields)) => {
                let required: Vec<&str> = def
                    .get("required")
                    .and_then(Json::as_array)
                    .map(|r| r.iter().filter_map(Json::as_str).collect())
                    .unwrap_or_default();
                let members = def.get("members").and_then(Json::as_object);
                for (name, member) in members.into_iter().flatten() {
                    let member_path = join(path, &lower_camel(name));
                    // JSON null is an absent member in the awsJson protocols.
                    match fields.get(name).filter(|v| !v.is_null()) {
                        None if required.contains(&name.as_str()) => out.push(Violation {
                            path: member_path,
                            constraint: "Member must not be null".to_string(),
                            value: None,
                            missing: true,
                            sensitive: false,
                        }),
                        None => {}
                        Some(v) => {
                            let member_shape = member.get("shape").and_then(Json::as_str).unwrap_or_default();
                            let member_sensitive = member.get("sensitive").and_then(Json::as_bool).unwrap_or(false);
                            self.check(member_shape, member_sensitive, v, &member_path, out);
                        }
                    }
                }
            }
            ("list", Json::Array(items)) => {
                let n = items.len() as i64;
                if let Some(min) = c.min.filter(|min| n < *min) {
                    push(format!("Member must have length greater than or equal to {min}"), None);
                }
                if let Some(max) = c.max.filter(|max| n > *max) {
                    push(format!("Member must have length less than or equal to {max}"), None);
                }
                let member = def.get("member");
                let member_shape = member
                    .and_then(|m| m.get("shape"))
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                let member_sensitive = member
                    .and_then(|m| m.get("sensitive"))
                    .and_then(Json::as_bool)
                    .unwrap_or(false);
                for (i, item) in items.iter().enumerate() {
                    let item_path = join(path, &format!("{}.member", i + 1));
                    self.check(member_shape, member_sensitive, item, &item_path, out);
                }
            }
            ("map", Json::Object(entries)) => {
                let n = entries.len() as i64;
                if let Some(max) = c.max.filter(|max| n > *max) {
                    push(format!("Member must have length less than or equal to {max}"), None);
                }
                let shape_of = |part: &str| {
                    def.get(part)
                        .and_then(|v| v.get("shape"))
                        .and_then(Json::as_str)
                        .unwrap_or_default()
                };
                let (key_shape, value_shape) = (shape_of("key"), shape_of("value"));
                // A key is checked as AWS words it: "Map keys must satisfy
                // constraint: [...]" at the map.
                if let Some(key) = self.constraints.get(key_shape) {
                    for k in entries.keys() {
                        let broken = key.string_violations(k);
                        if !broken.is_empty() {
                            push(
                                format!("Map keys must satisfy constraint: [{}]", broken.join(", ")),
                                Some(k.clone()),
                            );
                        }
                    }
                }
                for (k, v) in entries {
                    self.check(value_shape, false, v, &join(path, k), out);
                }
            }
            ("string", Json::String(s)) => {
                for constraint in c.string_violations(s) {
                    push(constraint, Some(s.clone()));
                }
            }
            ("boolean", Json::Bool(_)) => {}
            ("integer" | "long" | "short" | "byte", Json::Number(n)) if n.is_i64() || n.is_u64() => {
                let v = n.as_i64().unwrap_or(i64::MAX);
                // Smithy's integer is 32 bits: AWS cannot read a wider one.
                if c.kind == "integer" && i32::try_from(v).is_err() {
                    push("Member must be a 32-bit integer".to_string(), Some(v.to_string()));
                }
                if let Some(min) = c.min.filter(|min| v < *min) {
                    push(
                        format!("Member must have value greater than or equal to {min}"),
                        Some(v.to_string()),
                    );
                }
                if let Some(max) = c.max.filter(|max| v > *max) {
                    push(
                        format!("Member must have value less than or equal to {max}"),
                        Some(v.to_string()),
                    );
                }
            }
            ("double" | "float", Json::Number(_)) => {}
            // awsJson timestamps are epoch seconds; a string is tolerated.
            ("timestamp", Json::Number(_) | Json::String(_)) => {}
            ("blob", Json::String(_)) => {}
            (kind, _) => push(format!("Member must be of type {kind}"), None),
        }
    }
}

fn join(path: &str, step: &str) -> String {
    if path.is_empty() {
        step.to_string()
    } else {
        format!("{path}.{step}")
    }
}

/// AWS's member names in messages: `AuthParameters` → `authParameters`,
/// `OAuthParameters` → `oAuthParameters`.
fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where the model is: `$EVB_AWS_MODEL`, else botocore in moto's venv or
/// `--target` install under `target/`.
pub fn locate() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("EVB_AWS_MODEL").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!("EVB_AWS_MODEL={} is not a file", path.display()))
        };
    }
    let target = super::repo_root().join("target");
    let mut botocores = Vec::new();
    if let Ok(entries) = std::fs::read_dir(target.join("emu-venv/lib")) {
        let mut pythons: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with("python3."))
            .map(|e| e.path().join("site-packages/botocore"))
            .collect();
        pythons.sort();
        botocores.extend(pythons);
    }
    botocores.push(target.join("emu-py/botocore"));
    for botocore in &botocores {
        for suffix in [".gz", ""] {
            let path = botocore.join(format!("{MODEL_IN_BOTOCORE}{suffix}"));
            if path.is_file() {
                return Ok(path);
            }
        }
    }
    Err(format!(
        "no {MODEL_IN_BOTOCORE}[.gz] under {}/emu-venv or {}/emu-py, and EVB_AWS_MODEL is not set; \
         install the emulator with `bash scripts/install-moto.sh`",
        target.display(),
        target.display()
    ))
}

/// The model, loaded once per test binary; `Err` says why there is none.
pub fn model() -> Result<&'static Model, &'static str> {
    static MODEL: OnceLock<Result<Model, String>> = OnceLock::new();
    MODEL
        .get_or_init(|| locate().and_then(|path| Model::load(&path)))
        .as_ref()
        .map_err(String::as_str)
}

/// The model for a test that needs it. Without it the test is skipped with
/// one line, except under CI, where a missing model fails the run.
pub fn model_or_skip(what: &str) -> Option<&'static Model> {
    if let Err(why) = locate() {
        if super::tools_required() {
            panic!("the AWS service model is required under CI or TF_ACC ({what}): {why}");
        }
        eprintln!("AWS model not found ({why}): skipping {what}");
        return None;
    }
    // Found but unreadable: a broken install or a harness bug, never a skip.
    Some(model().unwrap_or_else(|why| panic!("the AWS service model cannot be used ({what}): {why}")))
}

/// A `java.util.regex` pattern as a Rust regex that matches the whole value
/// (`Matcher.matches()`), with Java's meaning of `.`, `\d`, `\w`, `\s` and
/// the POSIX `\p{...}` classes. Constructs the `regex` crate lacks
/// (backreferences, lookaround) are an error rather than a guess.
pub fn java_regex(pattern: &str) -> Result<Regex, String> {
    let translated = match without_lookaround(pattern) {
        Some(equivalent) => equivalent.to_string(),
        None => java_to_rust(pattern)?,
    };
    Regex::new(&format!("^(?:{translated})$")).map_err(|e| format!("translated to {translated:?}: {e}"))
}

/// The model's patterns with lookaround, each with an equivalent written
/// without it (checked by this module's tests).
fn without_lookaround(pattern: &str) -> Option<&'static str> {
    match pattern {
        // `PathParameter`: one or more characters, not all white space.
        r"^(?!\s*$).+" => Some(
            r"[^\n\r\x{85}\x{2028}\x{2029}]*[^\x{9}-\x{D}\x{20}\x{85}\x{2028}\x{2029}][^\n\r\x{85}\x{2028}\x{2029}]*",
        ),
        _ => None,
    }
}

/// Java's `.` without DOTALL: anything but a line terminator.
const JAVA_DOT: &str = r"[^\n\r\x{85}\x{2028}\x{2029}]";

/// The body of a predefined class (to go inside `[...]`), and whether the
/// class is negated.
fn predefined_class(c: char) -> Option<(&'static str, bool)> {
    let digits = "0-9";
    let word = "0-9A-Za-z_";
    let space = r"\x{9}-\x{D}\x{20}";
    let horizontal = r"\x{9}\x{20}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
    let vertical = r"\x{A}-\x{D}\x{85}\x{2028}\x{2029}";
    Some(match c {
        'd' => (digits, false),
        'D' => (digits, true),
        'w' => (word, false),
        'W' => (word, true),
        's' => (space, false),
        'S' => (space, true),
        'h' => (horizontal, false),
        'H' => (horizontal, true),
        'v' => (vertical, false),
        'V' => (vertical, true),
        _ => return None,
    })
}

/// Java's POSIX classes are ASCII-only (without UNICODE_CHARACTER_CLASS).
fn posix_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => r"\x{0}-\x{7F}",
        "Alpha" => "A-Za-z",
        "Digit" => "0-9",
        "Alnum" => "0-9A-Za-z",
        "Punct" => r"\x{21}-\x{2F}\x{3A}-\x{40}\x{5B}-\x{60}\x{7B}-\x{7E}",
        "Graph" => r"\x{21}-\x{7E}",
        "Print" => r"\x{20}-\x{7E}",
        "Blank" => r"\x{9}\x{20}",
        "Cntrl" => r"\x{0}-\x{1F}\x{7F}",
        "XDigit" => "0-9A-Fa-f",
        "Space" => r"\x{9}-\x{D}\x{20}",
        _ => return None,
    })
}

fn hex(c: char) -> String {
    format!(r"\x{{{:X}}}", u32::from(c))
}

struct Translator<'a> {
    chars: Vec<char>,
    at: usize,
    pattern: &'a str,
}

/// What an escape stands for.
enum Escaped {
    /// One character.
    Char(char),
    /// A class body for inside `[...]`, negated or not.
    Class(String, bool),
    /// Anything else, already in Rust syntax (only valid outside a class).
    Raw(String),
}

impl Translator<'_> {
    fn error(&self, what: &str) -> String {
        format!("{what} at offset {} of {:?}", self.at, self.pattern)
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += 1;
        c
    }

    fn hex_digits(&mut self, n: usize) -> Result<u32, String> {
        let digits: String = self.chars.iter().skip(self.at).take(n).collect();
        if digits.chars().count() != n {
            return Err(self.error("short hexadecimal escape"));
        }
        self.at += n;
        u32::from_str_radix(&digits, 16).map_err(|_| self.error("bad hexadecimal escape"))
    }

    fn code_point(&self, v: u32) -> Result<char, String> {
        char::from_u32(v).ok_or_else(|| self.error("escape of a code point Rust strings cannot hold"))
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<Escaped, String> {
        let c = self.next().ok_or_else(|| self.error("trailing backslash"))?;
        if let Some((body, negated)) = predefined_class(c) {
            return Ok(Escaped::Class(body.to_string(), negated));
        }
        Ok(match c {
            't' => Escaped::Char('\t'),
            'n' => Escaped::Char('\n'),
            'r' => Escaped::Char('\r'),
            'f' => Escaped::Char('\u{C}'),
            'a' => Escaped::Char('\u{7}'),
            'e' => Escaped::Char('\u{1B}'),
            'x' if self.peek() == Some('{') => {
                self.at += 1;
                let end = self.chars[self.at..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or_else(|| self.error("unclosed \\x{"))?;
                let digits: String = self.chars[self.at..self.at + end].iter().collect();
                self.at += end + 1;
                let v = u32::from_str_radix(&digits, 16).map_err(|_| self.error("bad \\x{...}"))?;
                Escaped::Char(self.code_point(v)?)
            }
            'x' => {
                let v = self.hex_digits(2)?;
                Escaped::Char(self.code_point(v)?)
            }
            'u' => {
                let high = self.hex_digits(4)?;
                // A surrogate pair written as two escapes is one code point.
                if (0xD800..0xDC00).contains(&high)
                    && self.chars.get(self.at) == Some(&'\\')
                    && self.chars.get(self.at + 1) == Some(&'u')
                {
                    self.at += 2;
                    let low = self.hex_digits(4)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("a high surrogate without its low surrogate"));
                    }
                    let v = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    Escaped::Char(self.code_point(v)?)
                } else {
                    Escaped::Char(self.code_point(high)?)
                }
            }
            '0' => {
                let mut v = 0u32;
                let mut n = 0;
                while let Some(d) = self.peek().and_then(|d| d.to_digit(8)) {
                    if n == 3 || v * 8 + d > 0o377 {
                        break;
                    }
                    v = v * 8 + d;
                    n += 1;
                    self.at += 1;
                }
                if n == 0 {
                    return Err(self.error("bad octal escape"));
                }
                Escaped::Char(self.code_point(v)?)
            }
            'c' => {
                let x = self.next().ok_or_else(|| self.error("bad \\c escape"))?;
                Escaped::Char(self.code_point(u32::from(x) ^ 64)?)
            }
            'p' | 'P' => {
                let name: String = if self.peek() == Some('{') {
                    self.at += 1;
                    let end = self.chars[self.at..]
                        .iter()
                        .position(|&c| c == '}')
                        .ok_or_else(|| self.error("unclosed \\p{"))?;
                    let name = self.chars[self.at..self.at + end].iter().collect();
                    self.at += end + 1;
                    name
                } else {
                    self.next().ok_or_else(|| self.error("bad \\p"))?.to_string()
                };
                let negated = c == 'P';
                match posix_class(&name) {
                    Some(body) => Escaped::Class(body.to_string(), negated),
                    None if name.starts_with("In") => return Err(self.error("Unicode block classes (\\p{In...})")),
                    None => {
                        let name = name.strip_prefix("Is").unwrap_or(&name);
                        let class = format!(r"\p{{{name}}}");
                        Escaped::Class(class, negated)
                    }
                }
            }
            'Q' => {
                let rest: String = self.chars[self.at..].iter().collect();
                let (quoted, len) = match rest.find("\\E") {
                    Some(end) => (rest[..end].to_string(), rest[..end].chars().count() + 2),
                    None => (rest.clone(), rest.chars().count()),
                };
                self.at += len;
                Escaped::Raw(quoted.chars().map(hex).collect())
            }
            'b' => Escaped::Raw(r"\b".into()),
            'B' => Escaped::Raw(r"\B".into()),
            'A' => Escaped::Raw(r"\A".into()),
            // Whole-value matching: the end, with or without a final line
            // terminator, is the end.
            'z' | 'Z' => Escaped::Raw(r"\z".into()),
            'R' => Escaped::Raw(r"(?:\r\n|[\n\x{B}\x{C}\r\x{85}\x{2028}\x{2029}])".into()),
            '1'..='9' | 'k' => return Err(self.error("backreferences")),
            'G' | 'X' => return Err(self.error("unsupported escape")),
            c if c.is_ascii_alphanumeric() => return Err(self.error("unknown escape")),
            c => Escaped::Char(c),
        })
    }

    /// After `[`: one class, including nested classes and `&&`.
    fn class(&mut self) -> Result<String, String> {
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.at += 1;
            out.push('^');
        }
        let mut first = true;
        loop {
            let c = self.next().ok_or_else(|| self.error("unclosed character class"))?;
            match c {
                ']' if !first => break,
                '[' => {
                    let nested = self.class()?;
                    out.push_str(&nested);
                }
                '&' if self.peek() == Some('&') => {
                    self.at += 1;
                    out.push_str("&&");
                }
                '\\' => match self.escape()? {
                    Escaped::Char(lo) => self.range_from(lo, &mut out)?,
                    Escaped::Class(body, false) if !body.starts_with(r"\p") => out.push_str(&body),
                    Escaped::Class(body, negated) => {
                        let nested = if body.starts_with(r"\p") {
                            if negated {
                                body.replacen(r"\p", r"\P", 1)
                            } else {
                                body
                            }
                        } else {
                            format!("[^{body}]")
                        };
                        out.push_str(&nested);
                    }
                    Escaped::Raw(_) => return Err(self.error("an escape that is not a character in a class")),
                },
                lo => self.range_from(lo, &mut out)?,
            }
            first = false;
        }
        out.push(']');
        Ok(out)
    }

    /// A literal in a class, or the start of a range `lo-hi`.
    fn range_from(&mut self, lo: char, out: &mut String) -> Result<(), String> {
        let is_range = self.peek() == Some('-') && !matches!(self.chars.get(self.at + 1), None | Some(']') | Some('['));
        if !is_range {
            out.push_str(&hex(lo));
            return Ok(());
        }
        self.at += 1;
        let hi = match self.next() {
            Some('\\') => match self.escape()? {
                Escaped::Char(hi) => hi,
                _ => return Err(self.error("a range that ends in a class")),
            },
            Some(hi) => hi,
            None => return Err(self.error("unclosed range")),
        };
        if hi < lo {
            return Err(self.error("a range out of order"));
        }
        out.push_str(&format!("{}-{}", hex(lo), hex(hi)));
        Ok(())
    }

    fn translate(&mut self) -> Result<String, String> {
        let mut out = String::new();
        // Whether the last thing written was a quantifier (so that a `+`
        // after it makes it possessive and a `?` makes it lazy).
        let mut after_quantifier = false;
        while let Some(c) = self.next() {
            let mut quantifier = false;
            match c {
                '\\' => match self.escape()? {
                    Escaped::Char(c) => out.push_str(&hex(c)),
                    Escaped::Class(body, negated) => {
                        out.push_str(&format!("[{}{body}]", if negated { "^" } else { "" }));
                    }
                    Escaped::Raw(raw) => out.push_str(&raw),
                },
                '.' => out.push_str(JAVA_DOT),
                '[' => {
                    let class = self.class()?;
                    out.push_str(&class);
                }
                '(' if self.peek() == Some('?') => {
                    let next = self.chars.get(self.at + 1).copied();
                    let after = self.chars.get(self.at + 2).copied();
                    match (next, after) {
                        (Some('=' | '!' | '>'), _) | (Some('<'), Some('=' | '!')) => {
                            return Err(self.error("lookaround and atomic groups"))
                        }
                        // Non-capturing and named groups, inline flags.
                        _ => {
                            self.at += 1;
                            out.push_str("(?");
                        }
                    }
                }
                '*' | '+' | '?' if after_quantifier => {
                    // Possessive (`+`): the regex crate has none; greedy is
                    // the nearest. Lazy (`?`): kept.
                    if c == '?' {
                        out.push('?');
                    }
                }
                '*' | '+' | '?' => {
                    out.push(c);
                    quantifier = true;
                }
                '{' => {
                    let end = self.chars[self.at..]
                        .iter()
                        .position(|&c| c == '}')
                        .ok_or_else(|| self.error("unclosed repetition"))?;
                    let body: String = self.chars[self.at..self.at + end].iter().collect();
                    self.at += end + 1;
                    out.push_str(&format!("{{{body}}}"));
                    quantifier = true;
                }
                '(' | ')' | '|' | '^' | '$' => out.push(c),
                c => out.push_str(&regex::escape(&c.to_string())),
            }
            after_quantifier = quantifier;
        }
        Ok(out)
    }
}

/// The translation itself, without anchoring (see [`java_regex`]).
pub fn java_to_rust(pattern: &str) -> Result<String, String> {
    Translator {
        chars: pattern.chars().collect(),
        at: 0,
        pattern,
    }
    .translate()
}
