//! Tests on the sample docs tree (`docs-input/`), on inline pages for cell
//! forms the sample schema has no use for, and on `docs-input/malformed/`.

use std::path::{Path, PathBuf};

use super::*;
use crate::error::Error;

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input");

fn sample_pages() -> &'static [Page] {
    static PAGES: std::sync::OnceLock<Vec<Page>> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| read_docs(Path::new(DOCS)).expect("sample docs parse"))
}

fn page(source: &str) -> &'static Page {
    sample_pages()
        .iter()
        .find(|p| p.source == source)
        .unwrap_or_else(|| panic!("no page {source}"))
}

fn cell(label: &str, array: bool, target: &str, mapped: &str) -> TypeCell {
    TypeCell {
        label: label.into(),
        array,
        target: target.into(),
        mapped: mapped.into(),
    }
}

fn param(
    name: &str,
    line: u32,
    ty: TypeCell,
    description: &str,
    required: Option<bool>,
) -> PageParam {
    PageParam {
        name: name.into(),
        line,
        ty,
        description: description.into(),
        required,
    }
}

fn inline(source: &str, text: &str) -> Page {
    parse_page(Path::new(source), source, text)
        .unwrap()
        .unwrap()
}

#[test]
fn sample_tree_lists_entity_pages_sorted_and_skips_indexes() {
    let pages = sample_pages();
    let count = |kind| pages.iter().filter(|p| p.kind == kind).count();
    assert_eq!(
        (
            count(PageKind::Method),
            count(PageKind::Constructor),
            count(PageKind::Type)
        ),
        (11, 40, 29)
    );
    assert!(pages.windows(2).all(|w| w[0].source < w[1].source));
    assert!(pages.iter().all(|p| !is_index_source(&p.source)));
    for skipped in [
        "README.md",
        "methods/README.md",
        "methods/api_index.md",
        "constructors/index.md",
        "types/README.md",
    ] {
        assert!(pages.iter().all(|p| p.source != skipped), "{skipped}");
        let text = std::fs::read_to_string(Path::new(DOCS).join(skipped)).unwrap();
        assert_eq!(
            parse_page(Path::new(skipped), skipped, &text).unwrap(),
            None,
            "{skipped}"
        );
    }
    // Page names equal the file names (odd ones included).
    for p in pages {
        let stem = p.source.strip_suffix(".md").map(|s| s.rsplit('/').next());
        assert_eq!(stem, Some(Some(p.name.as_str())), "{}", p.source);
    }
    let irregular: Vec<&str> = pages
        .iter()
        .filter(|p| p.irregular)
        .map(|p| p.source.as_str())
        .collect();
    assert_eq!(
        irregular,
        [
            "constructors/boolFalse.md",
            "constructors/boolTrue.md",
            "types/!X.md",
            "types/Bool.md",
            "types/int.md",
            "types/long|string.md"
        ]
    );
}

#[test]
fn sequential_reader_matches_parallel_reader() {
    assert_eq!(
        read_docs_sequential(Path::new(DOCS)).unwrap(),
        sample_pages()
    );
}

#[test]
fn current_format_method_with_three_column_table() {
    let p = page("methods/messages.sendMessage.md");
    assert_eq!(
        (p.kind, p.name.as_str(), p.line, p.irregular),
        (PageKind::Method, "messages.sendMessage", 9, false)
    );
    assert_eq!(
        p.description,
        "Post a text message in a chat, a group or a channel.\n\n\
         The message may carry formatting [entities »](https://example.invalid/api/entities) and a keyboard."
    );
    let t = |l: &str| cell(l, false, &format!("/API_docs/types/{l}.html"), l);
    let peer = cell(
        "Username, chat ID, Update, Message or InputPeer",
        false,
        "/API_docs/types/InputPeer.html",
        "InputPeer",
    );
    let entities = cell(
        "MessageEntity",
        true,
        "/API_docs/types/MessageEntity.html",
        "Vector<MessageEntity>",
    );
    let parse_mode = "Parse the text as `html` or `markdown` before sending";
    assert_eq!(
        p.params,
        [
            param("no_webpage", 22, t("Bool"), "", Some(false)),
            param("silent", 23, t("Bool"), "", Some(false)),
            param("peer", 24, peer, "", Some(false)),
            param("message", 25, t("string"), "", Some(false)),
            param("reply_markup", 26, t("ReplyMarkup"), "", Some(false)),
            param("entities", 27, entities, "", Some(false)),
            // The 4-cell parse_mode row under a 3-column header.
            param("parse_mode", 28, t("string"), parse_mode, Some(false)),
            param("schedule_date", 29, t("int"), "", Some(false)),
        ]
    );
    assert_eq!(p.result, Some(t("Updates")));
    assert_eq!(p.result_line, 32);
    assert_eq!(
        (p.users, p.bots, p.business),
        (Some(true), Some(true), Some(true))
    );
    assert!(p.errors.is_empty() && p.constructors.is_empty());
}

#[test]
fn old_format_method_with_errors() {
    let p = page("methods/messages.importChatInvite.md");
    assert_eq!((p.name.as_str(), p.line), ("messages.importChatInvite", 7));
    assert_eq!(
        p.description,
        "Join a private chat or channel through its invite link"
    );
    assert_eq!(
        p.params,
        [param(
            "hash",
            17,
            cell("string", false, "../types/string.md", "string"),
            "The part after `t.me/+` in the invite link",
            Some(true)
        )]
    );
    assert_eq!(
        (p.result.as_ref().unwrap().mapped.as_str(), p.result_line),
        ("Updates", 20)
    );
    assert_eq!((p.users, p.bots, p.business), (None, Some(false), None));
    let err = |code, name: &str, description: &str, line| PageError {
        code,
        name: name.into(),
        description: description.into(),
        line,
    };
    // `### Errors` follows a paragraph without a blank line.
    assert_eq!(
        p.errors,
        [
            err(
                400,
                "INVITE_HASH_EXPIRED",
                "The invite link is no longer valid",
                43
            ),
            err(
                400,
                "USER_ALREADY_PARTICIPANT",
                "You are already a member of this chat",
                44
            ),
            err(
                420,
                "SLOWMODE_WAIT_X",
                "Wait X seconds before trying again",
                45
            ),
            err(-503, "Timeout", "The server did not answer in time", 46),
        ]
    );
    let p = page("methods/req_pq.md");
    assert_eq!(
        (p.name.as_str(), p.errors[0].name.as_str()),
        ("req_pq", "INPUT_METHOD_INVALID_1615239032_X")
    );
    assert_eq!(page("methods/get_future_salts.md").name, "get_future_salts");
}

#[test]
fn return_types() {
    let p = page("methods/users.getUsers.md");
    assert_eq!(
        p.result,
        Some(cell(
            "Vector_of_User",
            false,
            "../types/User.md",
            "Vector<User>"
        ))
    );
    assert_eq!(
        p.params[0].ty,
        cell(
            "Username, chat ID, Update, Message or InputUser",
            true,
            "../types/InputUser.md",
            "Vector<InputUser>"
        )
    );
    let p = page("methods/invokeWithLayer.md");
    assert_eq!(
        p.result,
        Some(cell("X", false, "/API_docs/types/X.html", "X"))
    );
    assert_eq!(
        p.params[1].ty,
        cell("!X", false, "/API_docs/types/!X.html", "!X")
    );
    let p = page("constructors/vector.md");
    assert_eq!(
        p.result,
        Some(cell(
            "Vector t",
            false,
            "/API_docs/types/Vector t.html",
            "Vector t"
        ))
    );
    assert_eq!(p.result_line, 17);
    assert!(p.params.is_empty());
}

#[test]
fn method_without_params_or_description() {
    let p = page("methods/help.getConfig.md");
    // The front-matter description is the v223 placeholder: not used.
    assert_eq!(
        (p.description.as_str(), p.params.len(), p.result_line),
        ("", 0, 14)
    );
    assert_eq!(
        (p.users, p.bots, p.business),
        (Some(true), Some(true), Some(false))
    );
}

#[test]
fn description_keeps_markdown_and_warning_blocks() {
    let p = page("methods/upload.getFile.md");
    assert!(p
        .description
        .starts_with("# Warning: this is a low-level method"));
    assert!(p.description.ends_with("\n\nDownload a chunk of a file."));
    assert_eq!(
        p.params[2],
        param(
            "offset",
            25,
            cell("long", false, "/API_docs/types/long.html", "long"),
            "",
            Some(false)
        )
    );
    assert_eq!(p.params[1].ty.mapped, "InputFile");
    assert_eq!(
        p.params[3].description,
        "How many bytes to return<br>At most 1 MiB"
    );
    // Invalid-YAML front matter; the body has the description.
    let p = page("methods/auth.importBotAuthorization.md");
    assert_eq!(
        p.description,
        "Log in as a bot using its token\n\nThe token comes from @BotFather: keep it secret."
    );
    let text =
        std::fs::read_to_string(Path::new(DOCS).join("methods/auth.importBotAuthorization.md"))
            .unwrap();
    let fm = front_matter::split(&text);
    assert_eq!(fm.title, Some("auth.importBotAuthorization"));
    assert_eq!(
        fm.description,
        Some("Log in as a bot using its token\n\nThe token comes from @BotFather: keep it secret.\n- api_id => your application ID")
    );
    assert_eq!(
        page("constructors/resPQ.md").description,
        r"The server's answer to [req\_pq](../methods/req_pq.md)"
    );
    assert_eq!(
        page("constructors/dcOption.md").params[2].description,
        "The address does not change | can be cached"
    );
}

#[test]
fn constructor_tables() {
    // Swapped parse_mode row inside a constructor table.
    let p = page("constructors/message.md");
    let pm = &p.params[8];
    assert_eq!(
        (
            pm.name.as_str(),
            pm.line,
            pm.description.as_str(),
            pm.required
        ),
        (
            "parse_mode",
            26,
            "Parse the text as `html` or `markdown` first",
            Some(false)
        )
    );
    assert_eq!(p.params.len(), 10);
    // Rows without the description cell.
    let p = page("constructors/user.md");
    let names: Vec<&str> = p.params.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "self",
            "contact",
            "bot",
            "bot_business",
            "id",
            "access_hash",
            "first_name",
            "username",
            "phone",
            "bot_info_version",
            "lang_code",
            "usernames"
        ]
    );
    assert_eq!(
        p.params[3],
        param(
            "bot_business",
            21,
            cell("Bool", false, "/API_docs/types/Bool.html", "Bool"),
            "",
            Some(false)
        )
    );
    assert_eq!(p.params[11].ty.mapped, "Vector<string>");
    // A 3-column constructor table and no body description.
    let p = page("constructors/inputPeerUser.md");
    assert_eq!(p.description, "");
    assert_eq!(
        p.params,
        [
            param(
                "user_id",
                16,
                cell("long", false, "/API_docs/types/long.html", "long"),
                "",
                Some(true)
            ),
            param(
                "access_hash",
                17,
                cell("long", false, "/API_docs/types/long.html", "long"),
                "",
                Some(true)
            ),
        ]
    );
    // Old format, target under constructors/.
    let p = page("constructors/future_salts.md");
    assert_eq!(p.name, "future_salts");
    assert_eq!(
        p.params[1].ty,
        cell(
            "future_salt",
            true,
            "../constructors/future_salt.md",
            "Vector<future_salt>"
        )
    );
    assert_eq!(
        p.result,
        Some(cell(
            "FutureSalts",
            false,
            "../types/FutureSalts.md",
            "FutureSalts"
        ))
    );
    assert_eq!(
        page("constructors/peerChat.md").params[0].ty.mapped,
        "InputPeer"
    );
    assert!(page("constructors/inputPeerEmpty.md").params.is_empty());
}

#[test]
fn secret_chat_pages_keep_the_layer_suffix() {
    let p = page("constructors/decryptedMessageLayer_17.md");
    assert_eq!((p.name.as_str(), p.line), ("decryptedMessageLayer_17", 7));
    assert_eq!(p.params.len(), 4);
    assert_eq!(p.result.as_ref().unwrap().mapped, "DecryptedMessageLayer");
    assert_eq!(
        page("constructors/decryptedMessage_8.md").name,
        "decryptedMessage_8"
    );
    assert_eq!(
        page("types/DecryptedMessage.md").constructors,
        [
            "decryptedMessage_8",
            "decryptedMessageService_8",
            "decryptedMessage_17",
            "decryptedMessage_45"
        ]
    );
}

#[test]
fn type_pages() {
    let p = page("types/InputPeer.md");
    assert_eq!(
        (p.kind, p.name.as_str(), p.line, p.irregular),
        (PageKind::Type, "InputPeer", 6, false)
    );
    assert_eq!(
        p.constructors,
        ["inputPeerEmpty", "inputPeerSelf", "inputPeerUser"]
    );
    assert!(p
        .description
        .starts_with("Instead of an InputPeer you can pass"));
    assert!(p.description.ends_with("// a bot API style ID\n```"));
    assert_eq!(page("types/User.md").constructors, ["userEmpty", "user"]);
    assert_eq!(page("types/Vector t.md").constructors, ["vector"]);
    assert_eq!(page("types/FutureSalts.md").constructors, ["future_salts"]);
    let x = page("types/X.md");
    assert!(x.constructors.is_empty() && !x.irregular);
    // Pseudo-types and irregular pages.
    let p = page("types/int.md");
    assert_eq!((p.name.as_str(), p.line, p.irregular), ("int", 7, true));
    assert_eq!(
        p.description,
        "A signed 32-bit integer, from `-2^31` to `2^31 - 1`."
    );
    assert_eq!(page("types/long|string.md").name, "long|string");
    let p = page("types/!X.md");
    assert_eq!((p.name.as_str(), p.irregular), ("!X", true));
    assert!(p
        .description
        .starts_with("A serialized TL query.  \nPass a method call"));
    let p = page("types/Bool.md");
    assert_eq!(
        (p.name.as_str(), p.irregular, p.description.as_str()),
        ("Bool", true, "A boolean value.")
    );
    let p = page("constructors/boolTrue.md");
    assert_eq!(
        (p.kind, p.name.as_str(), p.line, p.irregular),
        (PageKind::Constructor, "boolTrue", 6, true)
    );
    assert_eq!(
        (p.result.as_ref(), p.description.as_str()),
        (None, "The boolean value `true`.")
    );
}

#[test]
fn cell_forms_outside_the_sample_schema() {
    // The hash, peer, bytes and pseudo-type display conventions, on an inline v223 page.
    let text = "---\ntitle: \"messages.getDemo\"\n---\n# Method: messages.getDemo\n[Back to methods index](index.html)\n\n\
| Name     |    Type       | Description | Required |\n|----------|---------------|-------------|----------|\n\
|peer|[long](/API_docs/types/long.html) | Target | Optional|\n\
|hash|Array of [long\\|string](/API_docs/types/long\\|string.html) | Hash | Optional|\n\
|old\\_hash|Array of [int](../types/int.md) | Old hash | Optional|\n\
|key\\_fingerprint|[strlong](/API_docs/constructors/strlong.html) | Key | Yes|\n\
|waveform|[waveform](/API_docs/constructors/waveform.html) | Wave | Optional|\n\n\
### Return type: [Bool](/API_docs/types/Bool.html)\n";
    let p = inline("methods/messages.getDemo.md", text);
    // No `### Parameters:` heading: the table is part of the description.
    assert!(p.params.is_empty());
    let p = inline(
        "methods/messages.getDemo.md",
        &text.replace("| Name ", "### Parameters:\n\n| Name "),
    );
    let mapped: Vec<(&str, &str, bool)> = p
        .params
        .iter()
        .map(|x| (x.ty.label.as_str(), x.ty.mapped.as_str(), x.ty.array))
        .collect();
    assert_eq!(
        mapped,
        [
            ("long", "long", false),
            ("long|string", "Vector<long|string>", true),
            ("int", "Vector<int>", true),
            ("strlong", "strlong", false),
            ("waveform", "waveform", false)
        ]
    );
    assert_eq!(p.params[1].ty.target, r"/API_docs/types/long\|string.html");
    assert_eq!(
        (p.params[2].name.as_str(), p.params[2].line),
        ("old_hash", 13)
    );
}

#[test]
fn description_falls_back_to_front_matter() {
    let p = inline(
        "constructors/demo.md",
        "---\ntitle: demo\ndescription: Only in the front matter\n---\n# Constructor: demo  \n[Back to constructors index](index.md)\n\n### Type: [Demo](../types/Demo.md)\n",
    );
    assert_eq!(
        (p.description.as_str(), p.line, p.result_line),
        ("Only in the front matter", 5, 8)
    );
    // No front matter at all; no back link.
    let p = inline("types/Demo.md", "# Type: Demo\nSome prose.\n\n### Possible values (constructors):\n\n[demo](../constructors/demo.md)  \n");
    assert_eq!(
        (p.description.as_str(), p.constructors.as_slice()),
        ("Some prose.", ["demo".to_string()].as_slice())
    );
    // Root pages and pages outside the three folders.
    assert_eq!(
        parse_page(Path::new("x"), "index.md", "# Index").unwrap(),
        None
    );
    let err = parse_page(Path::new("x"), "other/y.md", "# Method: y").unwrap_err();
    assert_eq!(
        err.to_string(),
        "x:1: expected a page under methods/, constructors/ or types/, found `other/y.md`"
    );
}

#[test]
fn crlf_bom_and_text_after_the_back_link() {
    let text = "\u{feff}---\r\ntitle: demo\r\n---\r\n# Constructor: demo  \r\n[Back to constructors index](index.md)\r\nFirst line.\r\n\r\n\
                ### Attributes:\r\n\r\n| Name | Type | Required | Description |\r\n|---|---|---|---|\r\n\
                |a\\_b|[int](../types/int.md) | Yes|An int|\r\n\r\n### Type: [Demo](../types/Demo.md)\r\n";
    let p = inline("constructors/demo.md", text);
    assert_eq!(
        (p.name.as_str(), p.line, p.description.as_str()),
        ("demo", 4, "First line.")
    );
    assert_eq!(
        p.params,
        [param(
            "a_b",
            12,
            cell("int", false, "../types/int.md", "int"),
            "An int",
            Some(true)
        )]
    );
    assert_eq!(
        (p.result.unwrap().mapped.as_str(), p.result_line),
        ("Demo", 14)
    );
}

fn malformed(file: &str, source: &str) -> (PathBuf, Error) {
    let path = Path::new(DOCS).join("malformed").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let err = parse_page(&path, source, &text).expect_err(file);
    (path, err)
}

#[track_caller]
fn assert_malformed(file: &str, source: &str, line: u32, message: &str) {
    let (path, err) = malformed(file, source);
    match &err {
        Error::Parse {
            line: l,
            message: m,
            ..
        } => assert_eq!((*l, m.as_str()), (line, message), "{file}"),
        other => panic!("{file}: not a parse error: {other}"),
    }
    assert_eq!(
        err.to_string(),
        format!("{}:{line}: {message}", path.display())
    );
}

#[test]
fn malformed_pages_report_file_line_and_expectation() {
    assert_malformed(
        "method_without_heading.md",
        "methods/messages.sendMessage.md",
        5,
        "expected a `# Method: <name>` heading, found `# Constructor: messages.sendMessage`",
    );
    assert_malformed(
        "row_without_pipe.md",
        "methods/messages.importChatInvite.md",
        13,
        "expected a table row starting with `|`, found `extra|[int](/API_docs/types/int.html) | Not a proper row | Yes|`",
    );
    assert_malformed(
        "type_cell_not_link.md",
        "constructors/inputPeerUser.md",
        13,
        "expected a type link `[Array of ][Type](target)`, found `long`",
    );
    assert_malformed(
        "error_code_not_numeric.md",
        "methods/upload.saveFilePart.md",
        17,
        "expected a numeric error code, found `4xx`",
    );
    assert_malformed(
        "bots_maybe.md",
        "methods/help.getConfig.md",
        12,
        "expected `**YES**` or `**NO**` after `Can bots use this method`, found `**MAYBE**`",
    );
    assert_malformed(
        "required_sometimes.md",
        "methods/account.updateProfile.md",
        12,
        "expected `Yes` or `Optional` in the Required column, found `Sometimes`",
    );
    assert_malformed(
        "missing_return_type.md",
        "methods/users.getUsers.md",
        5,
        "expected a `### Return type: [Type](link)` line in the page of `users.getUsers`",
    );
    assert_malformed(
        "bad_table_header.md",
        "constructors/user.md",
        10,
        "expected a parameter table header `| Name | Type | Description | Required |`, \
         `| Name | Type | Required | Description |` or `| Name | Type | Required |`, found `| Name | Kind | Notes |`",
    );
    assert_malformed(
        "return_type_not_link.md",
        "methods/help.getConfig.md",
        8,
        "expected a type link `[Array of ][Type](target)`, found `Config`",
    );
    assert_malformed(
        "front_matter_only.md",
        "methods/messages.sendMessage.md",
        5,
        "expected a `# Method: <name>` heading, found the end of the page",
    );
    // The same page is fine as a constructor page, apart from its missing type line.
    assert_malformed(
        "method_without_heading.md",
        "constructors/messages.sendMessage.md",
        5,
        "expected a `### Type: [Type](link)` line in the page of `messages.sendMessage`",
    );
}

#[test]
fn more_malformed_inline_pages() {
    let err = |source: &str, text: &str| {
        parse_page(Path::new("p.md"), source, text)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("methods/a.md", "Some text\n# Method: a\n"),
        "p.md:1: expected a `# Method: <name>` heading, found `Some text`"
    );
    assert_eq!(
        err("methods/a.md", "# a\n"),
        "p.md:1: expected a `# Method: <name>` heading, found `# a`"
    );
    assert_eq!(
        err("types/a.md", "# Type:  \n"),
        "p.md:1: expected a name after `Type:`"
    );
    assert_eq!(
        err(
            "methods/a.md",
            "# Method: a\n\n### Parameters:\n\nNo table here.\n"
        ),
        "p.md:5: expected a parameter table (`| Name | Type | ... |`), found `No table here.`"
    );
    assert_eq!(
        err("methods/a.md", "# Method: a\n### Return type: [B](b)\n### Errors\n\n| Code | Type | Description |\n|---|---|---|\n|400|X|\n"),
        "p.md:7: expected an error row with 3 cells (code, type, description), found 2"
    );
    assert_eq!(
        err("methods/a.md", "# Method: a\n### Return type: [B](b)\n### Errors\n\n| Name | Type | Required |\n|---|---|---|\n"),
        "p.md:5: expected an error table header `| Code | Type | Description |`"
    );
}

#[test]
fn read_docs_names_the_missing_directory() {
    let missing = Path::new(DOCS).join("no-such-dir");
    let err = read_docs(&missing).unwrap_err();
    assert!(
        matches!(&err, Error::Input { path, .. } if path == &missing),
        "{err}"
    );
    assert!(err
        .to_string()
        .starts_with(&format!("{}: expected a docs directory", missing.display())));
    let malformed = Path::new(DOCS).join("malformed");
    let err = read_docs(&malformed).unwrap_err();
    assert!(
        matches!(&err, Error::Input { path, .. } if path == &malformed.join("methods")),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("expected a readable `methods/` directory of pages"),
        "{err}"
    );
}

#[test]
fn the_parent_of_docs_trees_names_them() {
    let tmp = tempfile::tempdir().unwrap();
    for tree in ["v66", "v223", "v65"] {
        std::fs::create_dir_all(tmp.path().join(tree).join("methods")).unwrap();
    }
    std::fs::create_dir_all(tmp.path().join("notes")).unwrap();
    let err = read_docs(tmp.path()).unwrap_err().to_string();
    let tree = |name: &str| tmp.path().join(name).display().to_string();
    assert_eq!(
        err,
        format!(
            "{}: not a docs tree (no `methods/` directory), but it holds {}, {}, {}: pass one of them",
            tmp.path().display(),
            tree("v223"),
            tree("v65"),
            tree("v66")
        )
    );
}
