//! An independent, deliberately naive reading of TL schema text: the one
//! oracle the tests compare tlgen against. It shares no code with
//! `tlgen::schema`, the merge or the model, so a bug there cannot hide in
//! the expectations. Used by the unit tests (`tlgen::tools`, `tlgen::diff`),
//! `codegen/tests` and the workspace's `tests/`.

use std::collections::BTreeMap;
use std::path::Path;

/// One entry as the oracle reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OracleEntry {
    /// The name as written (no layer suffix).
    pub name: String,
    /// The `#id` as written, if any.
    pub declared_id: Option<u32>,
    /// The declared ID, or the one the constructor-ID rule computes.
    pub id: u32,
    /// `(name, type, flag "field.bit" or "")` in wire order, `#` fields included.
    pub params: Vec<(String, String, String)>,
    /// The result type (`""` when the line has no ` = `).
    pub result: String,
    /// Under `---functions---`.
    pub function: bool,
    /// The `===N===` section (`TL_secret.tl`).
    pub layer: Option<u32>,
}

impl OracleEntry {
    /// The params as the schema writes them (`flags:#`, `peer:InputPeer`,
    /// `silent:flags.5?true`).
    pub fn param_texts(&self) -> Vec<String> {
        self.params
            .iter()
            .map(|(name, ty, flag)| match flag.as_str() {
                "" => format!("{name}:{ty}"),
                flag => format!("{name}:{flag}?{ty}"),
            })
            .collect()
    }
}

/// Every entry of one schema text, in order (comments, blank lines and
/// section markers skipped).
pub fn parse(text: &str) -> Vec<OracleEntry> {
    let mut out = Vec::new();
    let mut function = false;
    let mut layer = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        match line {
            "---functions---" => function = true,
            "---types---" => function = false,
            _ if line.starts_with("===") => {
                layer = Some(line.trim_matches('=').parse::<u32>().expect("layer number"))
            }
            _ => out.push(entry(line, function, layer)),
        }
    }
    out
}

/// Reads a schema file ([`parse`]).
pub fn parse_file(path: &Path) -> Vec<OracleEntry> {
    parse(&std::fs::read_to_string(path).expect("schema readable"))
}

/// `(is_function, name)` -> entry of one file, the first definition winning.
pub fn by_kind(path: &Path) -> BTreeMap<(bool, String), OracleEntry> {
    let mut out = BTreeMap::new();
    for e in parse_file(path) {
        out.entry((e.function, e.name.clone())).or_insert(e);
    }
    out
}

/// Name (with `_<layer>` suffix for secret entries not identical to a main
/// entry) -> entry, first definition wins. The built-in `vector` is left out.
pub fn read(files: &[&Path]) -> BTreeMap<String, OracleEntry> {
    let parsed: Vec<OracleEntry> = files.iter().flat_map(|f| parse_file(f)).collect();
    let main: Vec<(String, u32)> = parsed
        .iter()
        .filter(|e| e.layer.is_none())
        .map(|e| (e.name.clone(), e.id))
        .collect();
    let mut out = BTreeMap::new();
    for entry in parsed {
        let key = match entry.layer {
            Some(_) if main.contains(&(entry.name.clone(), entry.id)) => continue,
            Some(layer) => format!("{}_{layer}", entry.name),
            None => entry.name.clone(),
        };
        if key != "vector" {
            out.entry(key).or_insert(entry);
        }
    }
    out
}

fn entry(line: &str, function: bool, layer: Option<u32>) -> OracleEntry {
    let line = line
        .split("//")
        .next()
        .unwrap()
        .trim()
        .trim_end_matches(';')
        .trim_end();
    let (lhs, result) = match line.rsplit_once(" = ") {
        Some((lhs, result)) => (lhs, result.trim()),
        None => (line.trim_end_matches(" ="), ""),
    };
    let mut words = lhs.split_whitespace();
    let head = words.next().expect("a name");
    let (name, declared_id) = match head.split_once('#') {
        Some((name, hex)) => (
            name.to_string(),
            Some(u32::from_str_radix(hex, 16).expect("hex ID")),
        ),
        None => (head.to_string(), None),
    };
    let params: Vec<(String, String, String)> = words
        .filter(|w| !w.starts_with('{') && w.contains(':'))
        .map(|w| {
            let (pname, ty) = w.split_once(':').unwrap();
            match ty.split_once('?') {
                Some((flag, ty)) => (pname.into(), ty.into(), flag.into()),
                None => (pname.into(), ty.into(), String::new()),
            }
        })
        .collect();
    OracleEntry {
        name,
        declared_id,
        id: declared_id.unwrap_or_else(|| crc_of(line)),
        params,
        result: result.to_string(),
        function,
        layer,
    }
}

/// The constructor-ID rule (docs/FORMATS-NOTES.md, "Schema files"), written independently.
fn crc_of(line: &str) -> u32 {
    let mut words: Vec<String> = Vec::new();
    for (i, w) in line.split_whitespace().enumerate() {
        if i == 0 {
            words.push(w.split('#').next().unwrap().to_string());
            continue;
        }
        if w.contains("?true") && w.contains(":flags") {
            continue;
        }
        let w = if w.ends_with(":bytes") || w.ends_with("?bytes") {
            format!("{}string", &w[..w.len() - 5])
        } else {
            w.to_string()
        };
        words.push(w.replace('<', " ").replace(['>', '{', '}'], ""));
    }
    let text = words.join(" ");
    let text: Vec<&str> = text.split_whitespace().collect();
    crc32(text.join(" ").as_bytes())
}

/// CRC-32 (IEEE), bit by bit.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
