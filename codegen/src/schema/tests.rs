//! Unit tests over the sample schemas in `docs-input/schemas/`.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::ir::{DiagnosticKind, Severity};
use crate::Error;

const SAMPLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../docs-input/schemas/sample.tl"
));
const SECRET: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../docs-input/schemas/sample_secret.tl"
));

fn sample() -> Schema {
    parse_schema(Path::new("sample.tl"), SAMPLE).expect("sample.tl parses")
}

fn secret() -> Schema {
    parse_schema(Path::new("sample_secret.tl"), SECRET).expect("sample_secret.tl parses")
}

fn def<'s>(schema: &'s Schema, name: &str) -> &'s Definition {
    schema
        .definitions
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no `{name}`"))
}

fn flag(field: &str, bit: u8) -> Option<Flag> {
    Some(Flag {
        field: field.to_string(),
        bit,
    })
}

/// Parses a one-line schema and returns the error message.
fn parse_err(line: &str) -> String {
    match parse_schema(Path::new("bad.tl"), &format!("ok = Ok;\n{line}\n")) {
        Ok(s) => panic!("`{line}` parsed: {s:?}"),
        Err(Error::Parse {
            path,
            line: no,
            message,
        }) => {
            assert_eq!(path, Path::new("bad.tl"));
            assert_eq!(no, 2, "{message}");
            message
        }
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn sample_declared_ids_all_match() {
    let schema = sample();
    for d in &schema.definitions {
        if let Some(id) = d.declared_id {
            assert_eq!(id, d.computed_id, "{}: {}", d.name, d.line);
        }
    }
    assert!(check_ids(&schema).is_empty());
    assert!(check_ids(&secret()).is_empty());
}

#[test]
fn sample_counts_and_sections() {
    let schema = sample();
    assert_eq!(schema.path, "sample.tl");
    assert_eq!(schema.constructors().count(), 34);
    assert_eq!(schema.functions().count(), 11);
    // Sections toggle: types, functions, types, functions.
    let mut runs = Vec::new();
    for d in &schema.definitions {
        if runs.last() != Some(&d.category) {
            runs.push(d.category);
        }
    }
    assert_eq!(
        runs,
        [
            Category::Type,
            Category::Function,
            Category::Type,
            Category::Function
        ]
    );
    assert!(def(&schema, "resPQ").category == Category::Type);
    assert!(def(&schema, "req_pq").is_function());
    assert!(schema.definitions.iter().all(|d| d.layer.is_none()));
    // Commented-out entries are skipped.
    assert!(schema
        .definitions
        .iter()
        .all(|d| d.name != "messages.sendMessageOld"));
    // Lines are 1-based file lines.
    assert_eq!(def(&schema, "boolFalse").line, 3);
    let line = SAMPLE
        .lines()
        .position(|l| l.starts_with("req_pq "))
        .unwrap()
        + 1;
    assert_eq!(def(&schema, "req_pq").line as usize, line);
}

#[test]
fn ids_short_leading_zero_and_missing() {
    let schema = sample();
    // Written `#a4f63c0` (7 digits) and `#05162463` (leading zero): parsed as integers.
    assert!(SAMPLE.contains("storage.filePng#a4f63c0 "));
    assert_eq!(
        def(&schema, "storage.filePng").declared_id,
        Some(0x0a4f_63c0)
    );
    assert_eq!(def(&schema, "resPQ").declared_id, Some(0x0516_2463));
    let req_pq = def(&schema, "req_pq");
    assert_eq!(req_pq.declared_id, None);
    assert_eq!(
        req_pq.computed_id,
        compute_id("req_pq nonce:int128 = ResPQ")
    );
    assert_eq!(req_pq.id(), req_pq.computed_id);
    assert_eq!(def(&schema, "true").id(), 0x3fed_d339);
    assert_eq!(def(&schema, "boolTrue").id(), 0x9972_75b5);
}

#[test]
fn builtin_vector() {
    let schema = sample();
    let v = def(&schema, "vector");
    assert_eq!(v.declared_id, Some(0x1cb5_c415));
    assert_eq!(v.computed_id, 0x1cb5_c415);
    assert_eq!(v.generics, [("t".to_string(), "Type".to_string())]);
    assert!(v.params.is_empty());
    assert_eq!(v.result, "Vector t");
}

#[test]
fn flags_shared_bits_and_flags2() {
    let schema = sample();
    let user = def(&schema, "user");
    let p = |n: &str| user.param(n).unwrap_or_else(|| panic!("no param {n}"));
    assert!(user.is_flags_word(p("flags")));
    assert!(user.is_flags_word(p("flags2")));
    assert_eq!(p("self").flag, flag("flags", 10));
    assert!(p("self").is_true_flag());
    assert_eq!(
        (p("bot").ty.to_string().as_str(), &p("bot").flag),
        ("true", &flag("flags", 14))
    );
    assert_eq!(
        (
            p("bot_info_version").ty.to_string().as_str(),
            &p("bot_info_version").flag
        ),
        ("int", &flag("flags", 14))
    );
    assert_eq!(p("bot_business").flag, flag("flags2", 11));
    assert_eq!(
        (p("usernames").ty.to_string().as_str(), &p("usernames").flag),
        ("Vector<string>", &flag("flags2", 0))
    );
    assert_eq!(p("id").flag, None);
    // Wire order, `#` fields included.
    let names: Vec<_> = user.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(&names[..5], ["flags", "self", "contact", "bot", "flags2"]);

    let send = def(&schema, "messages.sendMessage");
    assert_eq!(send.result, "Updates");
    let entities = send.param("entities").unwrap();
    assert_eq!(
        (entities.ty.to_string().as_str(), &entities.flag),
        ("Vector<MessageEntity>", &flag("flags", 3))
    );
    assert_eq!(send.param("schedule_date").unwrap().flag, flag("flags", 10));

    let profile = def(&schema, "account.updateProfile");
    assert!(profile.is_function());
    assert_eq!(
        profile.param("birthday_hidden").unwrap().flag,
        flag("flags2", 0)
    );

    // A plain `int` named `flags` is not a flags word unless a conditional
    // param refers to it (v65's `flags:int a:flags.0?true`).
    let import = def(&schema, "auth.importBotAuthorization");
    let flags = import.param("flags").unwrap();
    assert_eq!((flags.ty.to_string().as_str(), &flags.flag), ("int", &None));
    assert!(!import.is_flags_word(flags));
    let v65 = crate::schema::parse_schema(
        std::path::Path::new("old.tl"),
        "auth.importBotAuthorization#67a3ff2c flags:int a:flags.0?true api_id:int = auth.Authorization;\n",
    )
    .expect("old schema");
    let old = &v65.definitions[0];
    assert!(old.is_flags_word(old.param("flags").unwrap()));
    assert!(!old.is_flags_word(old.param("api_id").unwrap()));

    let dc = def(&schema, "dcOption");
    assert_eq!(dc.param("static").unwrap().flag, flag("flags", 4));
    let secret = dc.param("secret").unwrap();
    assert_eq!(
        (secret.ty.to_string().as_str(), &secret.flag),
        ("bytes", &flag("flags", 10))
    );
}

#[test]
fn generics_vectors_and_primitives() {
    let schema = sample();
    let invoke = def(&schema, "invokeWithLayer");
    assert_eq!(invoke.generics, [("X".to_string(), "Type".to_string())]);
    assert_eq!(invoke.params[1].ty, "!X");
    assert_eq!(invoke.result, "X");
    assert_eq!(def(&schema, "users.getUsers").result, "Vector<User>");
    assert_eq!(
        def(&schema, "future_salts").param("salts").unwrap().ty,
        "vector<future_salt>"
    );
    let res_pq = def(&schema, "resPQ");
    assert_eq!(res_pq.param("nonce").unwrap().ty, "int128");
    assert_eq!(res_pq.param("pq").unwrap().ty, "bytes");
    assert_eq!(
        def(&schema, "server_DH_inner_data")
            .param("new_nonce")
            .unwrap()
            .ty,
        "int256"
    );
    assert_eq!(
        def(&schema, "config").param("rating_e_decay").unwrap().ty,
        "double"
    );
    assert_eq!(
        def(&schema, "upload.file").param("type").unwrap().ty,
        "storage.FileType"
    );
    assert_eq!(
        def(&schema, "messages.messages").result,
        "messages.Messages"
    );
    // The entry with a trailing `// comment`.
    assert_eq!(def(&schema, "updateShortSentMessage").result, "Updates");
}

/// Every type the sample references is defined in it (primitives aside), and
/// the secret sample only uses types of both files: a closed world.
#[test]
fn samples_are_closed() {
    let main = sample();
    let secret = secret();
    let all: Vec<&Definition> = main.definitions.iter().chain(&secret.definitions).collect();
    let defined: BTreeSet<String> = all
        .iter()
        .filter(|d| d.category == Category::Type)
        .map(|d| d.result.to_string())
        .collect();
    let bare: BTreeSet<&str> = all.iter().map(|d| d.name.as_str()).collect();
    let primitives = [
        "int", "long", "double", "string", "bytes", "int128", "int256", "true", "#",
    ];
    let check = |ty: &str, generics: &[(String, String)], owner: &str| {
        let mut ty = ty;
        while let Some(inner) = ty
            .strip_prefix("Vector<")
            .or_else(|| ty.strip_prefix("vector<"))
        {
            ty = inner.strip_suffix('>').expect("closed vector");
        }
        let ty = ty.trim_start_matches('!').trim_start_matches('%');
        let ok = primitives.contains(&ty)
            || defined.contains(ty)
            || bare.contains(ty)
            || generics.iter().any(|(g, _)| g == ty)
            || ty == "Vector t";
        assert!(ok, "{owner}: `{ty}` is not defined in the samples");
    };
    for d in &all {
        for p in &d.params {
            check(&p.ty.to_string(), &d.generics, &d.name);
        }
        check(&d.result.to_string(), &d.generics, &d.name);
    }
}

#[test]
fn secret_layers_repeat_names() {
    let schema = secret();
    assert_eq!(schema.functions().count(), 0);
    let layers: Vec<_> = schema
        .definitions
        .iter()
        .filter(|d| d.name == "decryptedMessage")
        .map(|d| (d.layer, d.declared_id))
        .collect();
    assert_eq!(layers.len(), 3);
    assert_eq!(
        layers.iter().map(|l| l.0).collect::<Vec<_>>(),
        [Some(8), Some(17), Some(45)]
    );
    let ids: BTreeSet<_> = layers.iter().map(|l| l.1).collect();
    assert_eq!(ids.len(), 3, "each layer's decryptedMessage has its own ID");
    assert_eq!(
        def(&schema, "decryptedMessageActionSetMessageTTL").layer,
        Some(8)
    );
    // Shared with the main sample: same name, same ID.
    assert_eq!(
        def(&schema, "messageEntityBold").id(),
        def(&sample(), "messageEntityBold").id()
    );
}

#[test]
fn check_ids_reports_mismatches() {
    let text = "\
ok#{OK} = Ok;
wrong#12345678 x:int = Wrong;
msg_container#73f1f8dc m:int = Container;
===143===
decryptedMessageMediaDocument#6abd9782 a:int = Media;
===144===
decryptedMessageMediaDocument#6abd9782 a:int = Media;
idless y:long = Ok;
";
    let text = text.replace("{OK}", &format!("{:x}", compute_id("ok = Ok")));
    let schema = parse_schema(Path::new("ids.tl"), &text).unwrap();
    let diags = check_ids(&schema);
    let got: Vec<_> = diags.iter().map(|d| (d.severity, d.line, d.kind)).collect();
    assert_eq!(
        got,
        [
            (Severity::Warning, Some(2), DiagnosticKind::IdMismatch),
            (Severity::Note, Some(3), DiagnosticKind::IdMismatch),
            (Severity::Note, Some(5), DiagnosticKind::IdMismatch),
            // Same name and ID outside section 143: not the documented exception.
            (Severity::Warning, Some(7), DiagnosticKind::IdMismatch),
        ]
    );
    assert!(diags.iter().all(|d| d.file == "ids.tl"));
    assert!(diags[0].message.contains("`wrong`"), "{}", diags[0].message);
    assert!(
        diags[0].message.contains("#12345678"),
        "{}",
        diags[0].message
    );
}

#[test]
fn blank_comments_crlf_and_markers() {
    let text = "// header\r\n\r\n   \n---functions---\nf = X; // trailing\n---types--- // c\n// x = Y;\nc = X;\n===7===\nd = X;";
    let schema = parse_schema(Path::new("t.tl"), text).unwrap();
    let got: Vec<_> = schema
        .definitions
        .iter()
        .map(|d| (d.name.as_str(), d.category, d.layer, d.line))
        .collect();
    assert_eq!(
        got,
        [
            ("f", Category::Function, None, 5),
            ("c", Category::Type, None, 8),
            ("d", Category::Type, Some(7), 10),
        ]
    );
    assert_eq!(parse_schema(Path::new("e.tl"), "").unwrap().definitions, []);
}

#[test]
fn malformed_lines_are_errors() {
    let cases = [
        ("foo x:int Foo;", "missing ` = `"),
        ("foo x:int = Foo", "missing `;`"),
        ("foo = Foo; bar", "after `;`"),
        ("foo#xyz = Foo;", "bad constructor ID `#xyz`"),
        ("foo# = Foo;", "bad constructor ID"),
        ("foo#123456789 = Foo;", "bad constructor ID"),
        ("foo x = Foo;", "param `x` without `:`"),
        (
            "foo flags:long x:flags.0?int = Foo;",
            "not a preceding `#` param",
        ),
        ("foo x:f.0?int = Foo;", "not a preceding `#` param"),
        (
            "foo x:flags.0?int flags:# = Foo;",
            "not a preceding `#` param",
        ),
        ("foo flags:# x:flags.32?int = Foo;", "out of range"),
        ("foo flags:# x:flags.99999999999?int = Foo;", "out of range"),
        ("foo flags:# x:flags.a?int = Foo;", "not a number"),
        ("foo flags:# x:flags?int = Foo;", "malformed condition"),
        ("foo flags:# x:flags.1? = Foo;", "empty type"),
        ("foo flags:# x:flags.1?# = Foo;", "cannot be conditional"),
        ("#1234 = Foo;", "empty name"),
        ("9foo = Foo;", "invalid name"),
        ("a..b = Foo;", "invalid name"),
        ("foo = ;", "missing result type"),
        (";", "empty definition"),
        ("foo :int = Foo;", "invalid param name"),
        ("foo x:int x:long = Foo;", "duplicate param `x`"),
        ("foo x: = Foo;", "empty type"),
        ("foo x:Vector<int = Foo;", "unclosed `<`"),
        ("foo x:Vector<> = Foo;", "empty `<>`"),
        ("foo x:int> = Foo;", "unbalanced `>`"),
        ("foo x:a$b = Foo;", "unexpected character"),
        ("foo x:!X = Foo;", "generic"),
        ("foo {X:Type = Foo;", "malformed generic"),
        ("foo x:int {X:Type} = Foo;", "after the params"),
        ("foo # t = Foo;", "expected `[`"),
        ("foo # [ t = Foo;", "expected `]`"),
        ("foo ] = Foo;", "unexpected `]`"),
        ("foo = Foo // x;", "malformed result type"),
        ("---function---", "unknown section marker"),
        ("===x===", "malformed layer marker"),
        ("===12", "malformed layer marker"),
        ("===99999999999===", "malformed layer marker"),
        ("---types--- x", "unknown section marker"),
    ];
    for (line, expected) in cases {
        let message = parse_err(line);
        assert!(
            message.contains(expected),
            "`{line}`: `{message}` lacks `{expected}`"
        );
    }
    // The Display form names file and line.
    let err = parse_schema(Path::new("dir/x.tl"), "a = A;\n\nb c = B;").unwrap_err();
    assert_eq!(
        err.to_string(),
        "dir/x.tl:3: param `c` without `:`: expected `name:type`"
    );
}

#[test]
fn bit_31_and_single_digit_ids_are_fine() {
    let schema = parse_schema(
        Path::new("t.tl"),
        "a#0 flags:# x:flags.31?true = A;\nb#f = B;",
    )
    .unwrap();
    assert_eq!(schema.definitions[0].declared_id, Some(0));
    assert_eq!(schema.definitions[0].params[1].flag, flag("flags", 31));
    assert_eq!(schema.definitions[1].declared_id, Some(0xf));
}

/// v65/v66 `auth.importBotAuthorization` hangs `true` params on `flags:int`;
/// tolerated (an `int` field), and the CRC rule drops them like any `?true`.
#[test]
fn true_flags_on_an_int_field_are_tolerated() {
    let text = "a flags:int b:flags.0?true c:int = A;";
    let schema = parse_schema(Path::new("t.tl"), text).unwrap();
    let d = &schema.definitions[0];
    assert_eq!(d.params[1].flag, flag("flags", 0));
    assert_eq!(d.computed_id, compute_id("a flags:int c:int = A"));
}

/// Garbage never panics: every prefix and many byte mutations of the sample,
/// plus random token soup.
#[test]
fn garbage_never_panics() {
    let path = Path::new("garbage.tl");
    for line in SAMPLE.lines().chain(SECRET.lines()) {
        for end in (0..=line.len()).filter(|&i| line.is_char_boundary(i)) {
            let _ = parse_schema(path, &line[..end]);
            let _ = parse_schema(path, &line[end..]);
        }
    }
    let fragments = [
        "#",
        "##",
        "#ffffffff",
        "#fffffffff",
        ":",
        "::",
        "?",
        "??",
        ".",
        "..",
        "flags",
        "flags.",
        "flags.1",
        "flags.99",
        "?true",
        "=",
        "==",
        ";",
        ";;",
        "//",
        "{",
        "}",
        "{X:Type}",
        "{:}",
        "[",
        "]",
        "<",
        ">",
        "<<",
        ">>",
        "!",
        "!X",
        "%",
        "Vector<",
        "vector",
        " ",
        "\t",
        "\r",
        "\n",
        "é",
        "\u{0}",
        "---",
        "===",
        "---types---",
        "===1===",
        "x",
        "int",
        "bytes",
        "a:b",
        "a:flags.1?b",
        "flags:#",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let mut line = String::new();
        for _ in 0..(next() % 12) {
            line.push_str(fragments[(next() % fragments.len() as u64) as usize]);
            if next() % 3 == 0 {
                line.push(' ');
            }
        }
        let _ = parse_schema(path, &line);
        let _ = compute_id(&line);
        let _ = normalized_definition(&line);
    }
}

#[test]
fn declared_layer_comes_from_the_layer_comment() {
    assert_eq!(super::declared_layer("a = A;\n// LAYER 223\n"), Some(223));
    assert_eq!(super::declared_layer("//LAYER 65"), Some(65));
    assert_eq!(super::declared_layer("// LAYER x\n// not a layer 5"), None);
    assert_eq!(sample().layer, Some(1));
}

#[test]
fn deeply_nested_type_arguments_are_refused() {
    let ok = format!("a x:{}int{} = A;", "Vector<".repeat(32), ">".repeat(32));
    assert!(parse_schema(Path::new("d.tl"), &ok).is_ok());
    let deep = format!("a x:{}int{} = A;", "Vector<".repeat(33), ">".repeat(33));
    let err = parse_schema(Path::new("d.tl"), &deep)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("d.tl:1: param `x`: malformed type `Vector<Vector<")
            && err.ends_with(": type arguments nested more than 32 deep"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_in_a_schema_file_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tl");
    std::fs::write(&path, b"a = A;\nb#1 x:str\xe9 = B;\n").unwrap();
    let err = super::load_schema(&path).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}:2: invalid UTF-8 (byte 0xe9 at column 10): expected UTF-8 text",
            path.display()
        )
    );
}

#[test]
fn duplicate_generics_are_refused() {
    assert_eq!(
        parse_err("a {X:Type} {X:Type} q:!X = X;"),
        "duplicate generic `X`: expected unique `{X:Type}` names"
    );
}

#[test]
fn a_markdown_file_is_not_taken_for_a_schema() {
    let page = "---\ntitle: \"help.getConfig\"\n---\n# Method: help.getConfig\n";
    let expected = "not a TL schema: it reads as Markdown (a docs page?); a schema is the `.tl` \
                    file the docs were made from, one `name#id param:type ... = Type;` per line";
    for name in ["help.getConfig.md", "page.tl"] {
        let err = parse_schema(Path::new(name), page).unwrap_err();
        assert_eq!(err.to_string(), format!("{name}:1: {expected}"));
    }
    // A schema with one broken line is still a schema: the error names the line.
    let broken = "boolTrue#997275b5 = Bool;\n# oops\n";
    let err = parse_schema(Path::new("s.tl"), broken).unwrap_err();
    assert!(err.to_string().starts_with("s.tl:2: "), "{err}");
}
