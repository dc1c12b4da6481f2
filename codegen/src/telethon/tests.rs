//! The reader on the invented sample in `docs-input/telethon/` and on
//! inline broken tables.

use std::path::{Path, PathBuf};

use super::*;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input/telethon")
}

const METHODS: &str = "method,usability,errors\n";
const ERRORS: &str = "name,codes,description\n";

/// The error of reading inline tables.
fn error_of(methods: &str, errors: &str) -> String {
    tables(Path::new("m.csv"), methods, Path::new("e.csv"), errors)
        .unwrap_err()
        .to_string()
}

#[test]
fn reads_the_sample() {
    let tables = read_dir(&sample_dir()).unwrap();
    assert_eq!(tables.methods.len(), 9);
    let send = &tables.methods[3];
    assert_eq!(send.name, "messages.sendMessage");
    assert_eq!(send.usability, Usability::Both);
    assert_eq!(
        send.errors,
        ["CHAT_WRITE_FORBIDDEN", "PEER_ID_INVALID", "SLOWMODE_WAIT_X"]
    );
    assert_eq!(send.line, 5);
    // Case-insensitive, as Telethon reads it.
    assert_eq!(tables.methods[8].usability, Usability::Both);
    assert_eq!(tables.methods[7].usability, Usability::Unknown);
    assert!(tables.methods[1].errors.is_empty());

    let e = |name: &str| &tables.errors[name];
    // Quoted, with a comma and `""`; two codes.
    assert_eq!(e("CHAT_WRITE_FORBIDDEN").codes, [400, 403]);
    assert_eq!(
        e("CHAT_WRITE_FORBIDDEN").description,
        "You may not write here: \"read only\" chats and channels where you are not an admin"
    );
    // A quoted line break, and the line after it counted.
    assert_eq!(
        e("FIRSTNAME_INVALID").description,
        "The first name is empty\nor too long"
    );
    assert_eq!(e("FIRSTNAME_INVALID").line, 7);
    assert_eq!(e("FLOOD_WAIT_X").line, 9);
    // Placeholders as written; `\n` is a line break.
    assert_eq!(
        e("SLOWMODE_WAIT_X").description,
        "Slow mode is on: wait {seconds} seconds before sending again"
    );
    assert_eq!(
        e("INVITE_HASH_EXPIRED").description,
        "The invite link has expired\nAsk for a new one"
    );
    // Empty codes mean 400, as Telethon's generator reads them.
    assert_eq!(e("USER_ID_INVALID").codes, [400]);
    assert_eq!(e("FILE_PART_INVALID").description, "");
    assert_eq!(tables.errors.len(), 13);
}

#[test]
fn tells_the_tables_by_their_header() {
    let methods = std::fs::read_to_string(sample_dir().join("methods.csv")).unwrap();
    let errors = std::fs::read_to_string(sample_dir().join("errors.csv")).unwrap();
    assert_eq!(Table::detect(&methods), Some(Table::Methods));
    assert_eq!(Table::detect(&errors), Some(Table::Errors));
    assert_eq!(
        Table::detect("\u{feff}name,codes,description\r\n"),
        Some(Table::Errors)
    );
    assert_eq!(Table::detect("method,usability\n"), None);
    assert_eq!(Table::detect("// LAYER 1\n"), None);
    assert_eq!(Table::detect(""), None);
}

#[test]
fn malformed_lines_name_file_line_and_what_was_expected() {
    let cases = [
        (
            "method,usability\n".to_owned(),
            ERRORS.to_owned(),
            "m.csv:1: header `method,usability`: expected `method,usability,errors` \
             (Telethon's methods.csv)",
        ),
        (
            String::new(),
            ERRORS.to_owned(),
            "m.csv: empty: expected Telethon's methods.csv, starting with the header \
             `method,usability,errors`",
        ),
        (
            format!("{METHODS}a.b,user,X,Y\n"),
            ERRORS.to_owned(),
            "m.csv:2: 4 fields: expected 3 (method,usability,errors); a field holding a comma \
             must be quoted",
        ),
        (
            format!("{METHODS}a.b,user\n"),
            ERRORS.to_owned(),
            "m.csv:2: 2 fields: expected 3 (method,usability,errors)",
        ),
        (
            format!("{METHODS}a b,user,\n"),
            ERRORS.to_owned(),
            "m.csv:2: method `a b`: expected a TL method name such as `messages.sendMessage`",
        ),
        (
            format!("{METHODS}a.b,admin,\n"),
            ERRORS.to_owned(),
            "m.csv:2: usability `admin` of `a.b`: expected `user`, `bot`, `both` or `unknown`",
        ),
        (
            format!("{METHODS}a.b,user,\n\na.b,bot,\n"),
            ERRORS.to_owned(),
            "m.csv:4: `a.b` is already listed on line 2: expected one line per method",
        ),
        (
            format!("{METHODS}a.b,user,NOT_DEFINED\n"),
            format!("{ERRORS}OTHER,400,\n"),
            "m.csv:2: `a.b` lists the error `NOT_DEFINED`, which e.csv does not define: \
             expected every error listed here to have a line there",
        ),
        (
            METHODS.to_owned(),
            format!("{ERRORS}A,400 4o3,x\n"),
            "e.csv:2: codes `400 4o3` of `A`: expected numbers separated by spaces (`400 403`)",
        ),
        (
            METHODS.to_owned(),
            format!("{ERRORS}\"TWO WORDS\",400,x\n"),
            "e.csv:2: error name `TWO WORDS`: expected a name without spaces (`methods.csv` \
             separates the names it lists with spaces)",
        ),
        (
            METHODS.to_owned(),
            format!("{ERRORS}A,400,\"first\nsecond\"\nA,400,again\n"),
            "e.csv:4: `A` is already defined on line 2: expected one line per error",
        ),
        (
            METHODS.to_owned(),
            format!("{ERRORS}A,400,a description, with a comma\n"),
            "e.csv:2: 4 fields: expected 3 (name,codes,description); a field holding a comma \
             must be quoted",
        ),
        (
            METHODS.to_owned(),
            format!("{ERRORS}A,400,\"never closed\nB,400,x\n"),
            "e.csv:2: a quoted field that is never closed: expected a closing `\"` (a quote \
             inside a field is written `\"\"`)",
        ),
    ];
    for (methods, errors, expected) in cases {
        assert_eq!(
            error_of(&methods, &errors),
            expected,
            "{methods:?} / {errors:?}"
        );
    }
}

#[test]
fn a_missing_table_is_an_io_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("methods.csv"), METHODS).unwrap();
    let err = read_dir(tmp.path()).unwrap_err();
    assert!(
        matches!(&err, Error::Io { path, .. } if path.ends_with("errors.csv")),
        "{err}"
    );
}

#[test]
fn site_relative_links_point_at_core_telegram_org() {
    let errors = "name,codes,description\n\
                  CHAT_GUEST_SEND_FORBIDDEN,403,\"Join first, see [here](/api/discussion#x) or \
                  [this](https://core.telegram.org/api/config)\"\n";
    let rows = super::parse_errors(Path::new("errors.csv"), errors).unwrap();
    assert_eq!(
        rows["CHAT_GUEST_SEND_FORBIDDEN"].description,
        "Join first, see [here](https://core.telegram.org/api/discussion#x) or \
         [this](https://core.telegram.org/api/config)"
    );
}
