//! Reading one input file (a page, a schema or a CSV table) as text: bounded in size, and
//! invalid UTF-8 reported at its line like any other parse error.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The largest page or schema file read (64 MiB). The largest real input, the
/// v223 schema, is well under 1 MiB; the bound keeps memory use proportional
/// to sane input when a path points at something else.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Reads `path` as UTF-8 text of at most [`MAX_INPUT_BYTES`].
pub fn read_text(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    // One byte more than the limit tells "too large" from "exactly the limit".
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "larger than {} MiB: expected a docs page, a TL schema or a Telethon CSV table",
                MAX_INPUT_BYTES >> 20
            ),
        });
    }
    text_of(path, bytes)
}

/// `bytes` as a string, or a parse error at the line of the first invalid
/// UTF-8 sequence.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..valid];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let bad = e.as_bytes()[valid];
        Error::parse(
            path,
            u32::try_from(line).unwrap_or(u32::MAX),
            format!(
                "invalid UTF-8 (byte 0x{bad:02x} at column {}): expected UTF-8 text",
                valid - line_start + 1
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = text_of(Path::new("p.md"), b"ok\nab\xffc\n".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.md:2: invalid UTF-8 (byte 0xff at column 3): expected UTF-8 text"
        );
        assert_eq!(
            text_of(Path::new("p.md"), b"fine".to_vec()).unwrap(),
            "fine"
        );
    }
}
