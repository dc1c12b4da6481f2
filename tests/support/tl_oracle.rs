//! An independent, deliberately naive reading of TL schema files, used as the
//! oracle for the IR: it shares no code with `tlgen::schema` or the merge.

use std::collections::BTreeMap;
use std::path::Path;

/// One entry as the oracle reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OracleEntry {
    pub id: u32,
    /// `(name, type, flag "field.bit" or "")` in wire order, `#` fields included.
    pub params: Vec<(String, String, String)>,
    pub result: String,
    pub function: bool,
}

/// Name (with `_<layer>` suffix for secret entries not identical to a main
/// entry) -> entry, first definition wins. The built-in `vector` is left out.
pub fn read(files: &[&Path]) -> BTreeMap<String, OracleEntry> {
    let mut parsed: Vec<(String, Option<u32>, OracleEntry)> = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("schema readable");
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
                _ => {
                    let (name, entry) = entry(line, function);
                    parsed.push((name, layer, entry));
                }
            }
        }
    }
    let main: Vec<(String, u32)> = parsed
        .iter()
        .filter(|(_, layer, _)| layer.is_none())
        .map(|(name, _, e)| (name.clone(), e.id))
        .collect();
    let mut out = BTreeMap::new();
    for (name, layer, entry) in parsed {
        let key = match layer {
            Some(_) if main.contains(&(name.clone(), entry.id)) => continue,
            Some(layer) => format!("{name}_{layer}"),
            None => name,
        };
        if key != "vector" {
            out.entry(key).or_insert(entry);
        }
    }
    out
}

fn entry(line: &str, function: bool) -> (String, OracleEntry) {
    let line = line
        .split("//")
        .next()
        .unwrap()
        .trim()
        .trim_end_matches(';');
    let (lhs, result) = line.rsplit_once(" = ").expect("` = ` in every entry");
    let mut words = lhs.split_whitespace();
    let head = words.next().expect("a name");
    let (name, id) = match head.split_once('#') {
        Some((name, hex)) => (
            name.to_string(),
            Some(u32::from_str_radix(hex, 16).unwrap()),
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
    let id = id.unwrap_or_else(|| crc_of(line));
    (
        name,
        OracleEntry {
            id,
            params,
            result: result.trim().to_string(),
            function,
        },
    )
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

fn crc32(bytes: &[u8]) -> u32 {
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
