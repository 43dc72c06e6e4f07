//! The README read as a user reads it: one section under its heading, and
//! the code blocks in it. Pure text work, so the unit tier checks what the
//! README declares and the end-to-end tier runs the same blocks with the
//! real terraform.

/// The README's "write a configuration" section: its HCL blocks, one after
/// the other, are a whole configuration.
pub const WRITE_A_CONFIGURATION: &str = "### 2. Write a configuration";

/// The README's notes on `terraform test`, with the mock block that makes a
/// mocked connection's ARN one an API destination accepts.
pub const TESTING: &str = "### Testing your configuration with `terraform test`";

/// The repository's README.md.
pub fn text() -> String {
    let path = super::repo_root().join("README.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `line` opens or closes a fenced code block.
fn is_fence(line: &str) -> bool {
    line.trim_start().starts_with("```")
}

/// Whether `line` is a markdown heading (`#` to `######`, then a space).
fn is_heading(line: &str) -> bool {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

/// The lines under the heading line `heading` (compared whole, without
/// trailing blanks) up to the next heading of any level. A `#` line inside
/// a code block (an HCL or shell comment) is no heading. None when no line
/// is `heading`.
pub fn section(markdown: &str, heading: &str) -> Option<String> {
    let mut lines = markdown.lines();
    lines.by_ref().find(|line| line.trim_end() == heading)?;
    let mut body = Vec::new();
    let mut in_code = false;
    for line in lines {
        if is_fence(line) {
            in_code = !in_code;
        } else if !in_code && is_heading(line) {
            break;
        }
        body.push(line);
    }
    Some(body.join("\n"))
}

/// The contents of the code blocks fenced as ```` ```lang ````, in order;
/// blocks of other languages are passed over.
pub fn code_blocks(markdown: &str, lang: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut in_code = false;
    let mut wanted: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        if is_fence(line) {
            in_code = !in_code;
            if in_code {
                let opened = line.trim().trim_start_matches('`').trim();
                wanted = (opened == lang).then(Vec::new);
            } else if let Some(lines) = wanted.take() {
                blocks.push(lines.join("\n") + "\n");
            }
        } else if let Some(lines) = wanted.as_mut() {
            lines.push(line);
        }
    }
    blocks
}

/// The HCL blocks of the README section under `heading`, one after the
/// other; panics, naming the heading, when there is no such section or it
/// holds no HCL.
pub fn hcl_of_section(heading: &str) -> String {
    let readme = text();
    let section = section(&readme, heading).unwrap_or_else(|| panic!("README.md has no line {heading:?}"));
    let blocks = code_blocks(&section, "hcl");
    assert!(!blocks.is_empty(), "README.md's {heading:?} has no ```hcl block");
    blocks.join("\n")
}
