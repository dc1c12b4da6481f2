//! The breaking-change rules, one by one, on hand-built APIs.

use super::detail::description_change;
use super::*;
use crate::ir::ErrorEntry;
use crate::test_support::{api_from_tl, method_mut};

const OLD: &str = r#"
inputPeerEmpty#7f3b18ea = InputPeer;
inputPeerSelf#7da07ec9 = InputPeer;
inputUser#f21158c6 user_id:long access_hash:long = InputUser;
user#11111111 flags:# bot:flags.14?true id:long name:flags.1?string = User;
gone#22222222 = Gone;
---functions---
messages.sendMessage#0f9f68e8 flags:# silent:flags.5?true peer:InputPeer message:string random_id:long = Updates;
help.getConfig#c4f9186b = Config;
users.getUsers#0d91a548 id:Vector<InputUser> = Vector<User>;
account.reorder#33333333 a:int b:int = Bool;
"#;

const NEW: &str = r#"
inputPeerEmpty#7f3b18ea = InputPeer;
inputPeerChat#35a95cb9 chat_id:long = InputPeer;
inputUser#f21158c6 user_id:long access_hash:long = InputUser;
user#44444444 flags:# bot:flags.15?true id:long name:string lang:flags.2?string = User;
fresh#55555555 = Fresh;
---functions---
messages.sendMessage#0f9f68e8 flags:# silent:flags.5?true noforwards:flags.14?true peer:InputPeer message:string random_id:long = Updates;
help.getConfig#c4f9186b = Config;
users.getUsers#0d91a548 id:Vector<InputUser> = Vector<InputUser>;
account.reorder#66666666 b:int a:int = Bool;
"#;

fn report(options: DiffOptions) -> Report {
    let mut old = api_from_tl(OLD);
    let send = method_mut(&mut old, "messages.sendMessage");
    send.bots = Some(false);
    let mut new = api_from_tl(NEW);
    let send = method_mut(&mut new, "messages.sendMessage");
    send.bots = Some(true);
    send.users = Some(true); // unknown -> yes: no information, not a change
    send.description = "Sends a message to a chat, now with effects.".into();
    send.errors = vec![ErrorEntry {
        code: 400,
        name: "PEER_ID_INVALID".into(),
        description: String::new(),
    }];
    diff(&old, &new, &options)
}

/// The text report's lines of a change's details.
fn texts(change: &Change) -> Vec<&str> {
    change.details.iter().map(|d| d.text.as_str()).collect()
}

fn find<'r>(report: &'r Report, kind: ItemKind, name: &str) -> &'r Change {
    report
        .changes
        .iter()
        .find(|c| c.kind == kind && c.name == name)
        .unwrap_or_else(|| panic!("no change for {name}"))
}

/// The default diff between two APIs written as TL.
fn diff_tl(old: &str, new: &str) -> Report {
    diff(
        &api_from_tl(old),
        &api_from_tl(new),
        &DiffOptions::default(),
    )
}

/// The one-method API `m` that raises `errors`.
fn method_raising(errors: &[(i32, &str)]) -> crate::ir::Api {
    let mut api = api_from_tl("---functions---\nm#2 x:int = A;");
    api.methods[0].errors = errors
        .iter()
        .map(|&(code, name)| ErrorEntry {
            code,
            name: name.into(),
            description: String::new(),
        })
        .collect();
    api
}

#[test]
fn added_removed_and_changed_items() {
    let r = report(DiffOptions::default());
    let summary: Vec<(ItemKind, &str, ChangeKind, bool)> = r
        .changes
        .iter()
        .map(|c| (c.kind, c.name.as_str(), c.change, c.breaking))
        .collect();
    use ChangeKind::*;
    use ItemKind::*;
    assert_eq!(
        summary,
        vec![
            (Method, "account.reorder", Changed, true),
            (Method, "messages.sendMessage", Changed, false),
            (Method, "users.getUsers", Changed, true),
            (Constructor, "fresh", Added, false),
            (Constructor, "gone", Removed, true),
            (Constructor, "inputPeerChat", Added, false),
            (Constructor, "inputPeerSelf", Removed, true),
            (Constructor, "user", Changed, true),
            (Type, "Fresh", Added, false),
            (Type, "Gone", Removed, true),
            (Type, "InputPeer", Changed, true),
        ]
    );
    assert_eq!(
        texts(find(&r, Method, "account.reorder")),
        [
            "ID changed: 33333333 -> 66666666 (breaking)",
            "params reordered: a b -> b a (breaking)"
        ]
    );
    assert_eq!(
        texts(find(&r, Method, "messages.sendMessage")),
        [
            "optional param added: noforwards:flags.14?true",
            "usable by bots: no -> yes",
            "error added: 400 PEER_ID_INVALID"
        ]
    );
    assert_eq!(
        texts(find(&r, Method, "users.getUsers")),
        ["return type: Vector<User> -> Vector<InputUser> (breaking)"]
    );
    assert_eq!(
        texts(find(&r, Constructor, "user")),
        [
            "ID changed: 11111111 -> 44444444 (breaking)",
            "param bot flag moved: flags.14 -> flags.15 (breaking)",
            "param name became required (was flags.1) (breaking)",
            "optional param added: lang:flags.2?string",
        ]
    );
    assert_eq!(
        texts(find(&r, Type, "InputPeer")),
        [
            "constructor removed: inputPeerSelf (breaking)",
            "constructor added: inputPeerChat"
        ]
    );
    assert!(r.has_breaking());
    // messages.sendMessage only gained an optional param: not breaking.
    assert!(!find(&r, Method, "messages.sendMessage").breaking);
    assert_eq!(r.breaking_count(), 7);
}

#[test]
fn required_params_retyping_and_errors() {
    let r = diff_tl(
        "a#1 x:int = A;\n---functions---\nm#2 x:int = A;",
        "a#1 x:long y:int = A;\n---functions---\nm#2 x:int z:flags.0?int = A;",
    );
    assert_eq!(
        texts(find(&r, ItemKind::Constructor, "a")),
        [
            "param x retyped: int -> long (breaking)",
            "required param added: y:int (breaking)"
        ]
    );
    assert_eq!(
        texts(find(&r, ItemKind::Method, "m")),
        ["optional param added: z:flags.0?int"]
    );
    assert!(!find(&r, ItemKind::Method, "m").breaking);

    let old = method_raising(&[(400, "A"), (400, "B"), (403, "B")]);
    let new = method_raising(&[(406, "A"), (400, "C")]);
    let r = diff(&old, &new, &DiffOptions::default());
    assert_eq!(
        texts(&r.changes[0]),
        [
            "error A code: 400 -> 406",
            "error removed: 400/403 B (breaking)",
            "error added: 400 C"
        ]
    );
    assert!(r.changes[0].breaking);
}

/// The diff reads the error plan: an error any method can raise is never a
/// variant, so no longer listing it breaks nothing; a variant renamed by a
/// newly documented name breaks; names are grouped as the plan groups them
/// (trimmed).
#[test]
fn error_changes_follow_the_error_plan() {
    let old = method_raising(&[
        (420, "FLOOD_WAIT_X"),
        (400, "EMAIL_UNCONFIRMED_X"),
        (400, " PADDED "),
    ]);
    let mut new = method_raising(&[
        (400, "EMAIL_UNCONFIRMED_X"),
        (400, "EMAIL_UNCONFIRMED"),
        (400, "PADDED"),
    ]);
    let r = diff(&old, &new, &DiffOptions::default());
    assert_eq!(
        texts(&r.changes[0]),
        [
            "Rust error variant renamed: errors::MError::EmailUnconfirmed { value } -> \
             errors::MError::EmailUnconfirmedX { value } (breaking)",
            "error removed: 420 FLOOD_WAIT_X (one of the errors any method can raise: still \
             matched as `Common`)",
            "error added: 400 EMAIL_UNCONFIRMED",
        ]
    );
    assert!(r.changes[0].breaking);
    // Without the rename, dropping a common error breaks nothing.
    new.methods[0].errors.remove(1);
    let r = diff(&old, &new, &DiffOptions::default());
    assert_eq!(
        texts(&r.changes[0]),
        [
            "error removed: 420 FLOOD_WAIT_X (one of the errors any method can raise: still \
          matched as `Common`)"
        ]
    );
    assert!(!r.has_breaking());
}

/// An old layer's `flags:int` is a flags word by the model's one rule.
#[test]
fn an_int_flags_word_is_a_flags_word() {
    let r = diff_tl(
        "---functions---\nm#2 a:int = A;",
        "---functions---\nm#2 flags:int a:int b:flags.0?true = A;",
    );
    assert_eq!(
        texts(&r.changes[0]),
        [
            "flags word added: flags",
            "optional param added: b:flags.0?true"
        ]
    );
}

#[test]
fn descriptions_only_with_text() {
    assert!(report(DiffOptions::default())
        .changes
        .iter()
        .all(|c| c.details.iter().all(|d| !d.text.contains("description"))));
    let r = report(DiffOptions { text: true });
    assert!(
        texts(find(&r, ItemKind::Method, "messages.sendMessage")).contains(
            &r#"description changed: (nothing) -> "Sends a message to a chat, now with effects.""#
        )
    );
    assert_eq!(
        description_change(
            "description",
            "Sends a text message to a chat.",
            "Sends a message to a chat."
        ),
        r#"description changed: "... text ..." -> (nothing)"#
    );
}

#[test]
fn identical_apis_have_no_changes() {
    let api = api_from_tl(OLD);
    let r = diff(&api, &api, &DiffOptions { text: true });
    assert!(r.changes.is_empty());
    assert_eq!(r.to_text(), "tlgen diff: 0 changes, 0 breaking\n");
    assert_eq!(r.to_json(), "{\n  \"changes\": []\n}");
}

#[test]
fn text_and_json_forms() {
    let r = report(DiffOptions::default());
    let text = r.to_text();
    assert!(
        text.starts_with("tlgen diff: 11 changes, 7 breaking\n\nmethods: 2 breaking, 1 other\n"),
        "{text}"
    );
    assert!(text.contains("  BREAKING changed account.reorder\n             - ID changed: 33333333 -> 66666666 (breaking)\n"), "{text}");
    // Breaking first within a kind.
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {text}"))
    };
    assert!(at("BREAKING removed gone") < at("added   fresh"));
    assert!(at("BREAKING changed users.getUsers") < at("           changed messages.sendMessage"));
    assert!(at("messages.sendMessage") < at("\nconstructors: "));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(
        json["changes"][0],
        serde_json::json!({"kind": "method", "name": "account.reorder", "change": "changed", "breaking": true,
        "details": [
            {"kind": "id_changed", "field": null, "old": "33333333", "new": "66666666", "breaking": true,
             "text": "ID changed: 33333333 -> 66666666 (breaking)"},
            {"kind": "params_reordered", "field": null, "old": "a b", "new": "b a", "breaking": true,
             "text": "params reordered: a b -> b a (breaking)"},
        ]})
    );
    // The JSON reads back into the same report.
    assert_eq!(serde_json::from_str::<Report>(&r.to_json()).unwrap(), r);
}

/// The text form, byte for byte as it was before details became
/// structured: every line is made from a detail's kind and values.
#[test]
fn the_text_form_is_the_lines_of_the_details() {
    let r = report(DiffOptions { text: true });
    assert_eq!(
        r.to_text(),
        r#"tlgen diff: 11 changes, 7 breaking

methods: 2 breaking, 1 other
  BREAKING changed account.reorder
             - ID changed: 33333333 -> 66666666 (breaking)
             - params reordered: a b -> b a (breaking)
  BREAKING changed users.getUsers
             - return type: Vector<User> -> Vector<InputUser> (breaking)
           changed messages.sendMessage
             - optional param added: noforwards:flags.14?true
             - usable by bots: no -> yes
             - error added: 400 PEER_ID_INVALID
             - description changed: (nothing) -> "Sends a message to a chat, now with effects."

constructors: 3 breaking, 2 other
  BREAKING removed gone
  BREAKING removed inputPeerSelf
  BREAKING changed user
             - ID changed: 11111111 -> 44444444 (breaking)
             - param bot flag moved: flags.14 -> flags.15 (breaking)
             - param name became required (was flags.1) (breaking)
             - optional param added: lang:flags.2?string
           added   fresh
           added   inputPeerChat

types: 2 breaking, 1 other
  BREAKING removed Gone
  BREAKING changed InputPeer
             - constructor removed: inputPeerSelf (breaking)
             - constructor added: inputPeerChat
           added   Fresh
"#
    );
}

type Row<'a> = (
    DetailKind,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    bool,
);

/// A change's details as (kind, field, old, new, breaking).
fn rows(change: &Change) -> Vec<Row<'_>> {
    change
        .details
        .iter()
        .map(|d| {
            (
                d.kind,
                d.field.as_deref(),
                d.old.as_deref(),
                d.new.as_deref(),
                d.breaking,
            )
        })
        .collect()
}

/// Each detail's kind, field, old and new values, and whether it breaks.
#[test]
fn details_are_structured() {
    use DetailKind::*;
    let r = report(DiffOptions { text: true });
    assert_eq!(
        rows(find(&r, ItemKind::Method, "messages.sendMessage")),
        [
            (
                OptionalParamAdded,
                Some("noforwards"),
                None,
                Some("noforwards:flags.14?true"),
                false
            ),
            (
                UsabilityChanged,
                Some("bots"),
                Some("no"),
                Some("yes"),
                false
            ),
            (
                ErrorAdded,
                Some("PEER_ID_INVALID"),
                None,
                Some("400"),
                false
            ),
            (
                DescriptionChanged,
                None,
                Some(""),
                Some("Sends a message to a chat, now with effects."),
                false
            ),
        ]
    );
    assert_eq!(
        rows(find(&r, ItemKind::Constructor, "user")),
        [
            (IdChanged, None, Some("11111111"), Some("44444444"), true),
            (
                FlagMoved,
                Some("bot"),
                Some("flags.14"),
                Some("flags.15"),
                true
            ),
            (
                ParamBecameRequired,
                Some("name"),
                Some("flags.1"),
                None,
                true
            ),
            (
                OptionalParamAdded,
                Some("lang"),
                None,
                Some("lang:flags.2?string"),
                false
            ),
        ]
    );
    assert_eq!(
        rows(find(&r, ItemKind::Type, "InputPeer")),
        [
            (ConstructorRemoved, Some("inputPeerSelf"), None, None, true),
            (ConstructorAdded, Some("inputPeerChat"), None, None, false),
        ]
    );
    assert_eq!(
        rows(find(&r, ItemKind::Method, "users.getUsers")),
        [(
            ReturnTypeChanged,
            None,
            Some("Vector<User>"),
            Some("Vector<InputUser>"),
            true
        )]
    );

    let r = diff_tl(
        "a#1 x:int f:flags.0?int = A;\n---functions---\nm#2 x:int = A;",
        "a#1 x:long y:int f:int = B;\n---functions---\nm#2 flags:# x:int z:flags.0?int = A;",
    );
    assert_eq!(
        rows(find(&r, ItemKind::Constructor, "a")),
        [
            (ParamRetyped, Some("x"), Some("int"), Some("long"), true),
            (ParamBecameRequired, Some("f"), Some("flags.0"), None, true),
            (RequiredParamAdded, Some("y"), None, Some("y:int"), true),
            (TypeChanged, None, Some("A"), Some("B"), true),
        ]
    );
    assert_eq!(
        rows(find(&r, ItemKind::Method, "m")),
        [
            (FlagsWordAdded, Some("flags"), None, Some("flags:#"), false),
            (
                OptionalParamAdded,
                Some("z"),
                None,
                Some("z:flags.0?int"),
                false
            ),
        ]
    );
}

#[test]
fn a_colliding_new_constructor_renames_a_variant_and_breaks() {
    // `inputPeerUser` is `InputPeer::User` until a constructor named `user`
    // of the same type arrives: both short names are `User`, so both fall
    // back to their full names. The IR of `inputPeerUser` is unchanged.
    let r = diff_tl(
        "inputPeerUser#11111111 user_id:long = InputPeer;\ninputPeerChat#22222222 chat_id:long = InputPeer;",
        "inputPeerUser#11111111 user_id:long = InputPeer;\ninputPeerChat#22222222 chat_id:long = InputPeer;\nuser#33333333 id:long = InputPeer;",
    );
    let renamed = find(&r, ItemKind::Constructor, "inputPeerUser");
    assert_eq!(renamed.change, ChangeKind::Changed);
    assert!(renamed.breaking);
    assert_eq!(
        texts(renamed),
        ["Rust variant renamed: enums::InputPeer::User -> enums::InputPeer::InputPeerUser (breaking)"]
    );
    assert!(!find(&r, ItemKind::Constructor, "user").breaking);
    assert!(r.changes.iter().all(|c| c.name != "inputPeerChat"));
    assert!(r.has_breaking());
}

#[test]
fn renamed_structs_and_boxing_break() {
    // `foo` and `foo_` both map to `Foo`; the first in TL-name order keeps
    // it, so a new `foo` renames the existing `foo_` to `Foo2`.
    let r = diff_tl(
        "foo_#11111111 = T;",
        "foo#22222222 = T;\nfoo_#11111111 = T;",
    );
    assert_eq!(
        texts(find(&r, ItemKind::Constructor, "foo_")),
        [
            "Rust struct renamed: types::Foo -> types::Foo2 (breaking)",
            "Rust variant renamed: enums::T::Foo -> enums::T::Foo2 (breaking)"
        ]
    );

    // A struct that grows past the boxing threshold is boxed in its enum.
    let small = "big#11111111 a:long = T;\nother#22222222 = T;";
    let large = "big#11111111 a:long b:int256 c:int256 d:int256 e:int256 = T;\nother#22222222 = T;";
    let r = diff_tl(small, large);
    let details = texts(find(&r, ItemKind::Constructor, "big"));
    assert!(
        details.contains(&"variant enums::T::Big now holds Box<Big> (breaking)"),
        "{details:?}"
    );
}

#[test]
fn accessors_removed_or_retyped_break_added_do_not() {
    let old = "a#11111111 id:long name:string = T;\nb#22222222 id:long name:string = T;";
    // A constructor without `name`: `T::name()` goes, though adding a
    // constructor alone breaks nothing.
    let fewer = format!("{old}\nc#33333333 id:long = T;");
    let r = diff_tl(old, &fewer);
    let t = find(&r, ItemKind::Type, "T");
    assert!(t.breaking);
    let removed = &t.details[1];
    assert_eq!(
        (
            removed.kind,
            removed.field.as_deref(),
            removed.new.as_deref()
        ),
        (DetailKind::AccessorRemoved, Some("name"), None)
    );
    assert_eq!(
        texts(t),
        [
            "constructor added: c",
            "accessor removed: enums::T::name(&self) -> &str (breaking)"
        ]
    );

    // `id` retyped in one constructor: the accessor goes; in every one: it
    // changes its return type.
    let one = "a#11111111 id:int name:string = T;\nb#22222222 id:long name:string = T;";
    let every = "a#11111111 id:int name:string = T;\nb#22222222 id:int name:string = T;";
    for (new, detail) in [
        (
            one,
            "accessor removed: enums::T::id(&self) -> i64 (breaking)",
        ),
        (
            every,
            "accessor changed: enums::T::id(&self) -> i64 -> enums::T::id(&self) -> i32 (breaking)",
        ),
    ] {
        let r = diff_tl(old, new);
        assert_eq!(texts(find(&r, ItemKind::Type, "T")), [detail], "{new}");
    }

    // Optional in both, at another bit: the same accessor. Every constructor
    // now has `tag`: one more, not breaking.
    let before = "a#11111111 flags:# id:flags.0?long = T;\nb#22222222 flags:# id:flags.3?long tag:flags.1?string = T;";
    let after = "a#11111111 flags:# id:flags.2?long tag:flags.1?string = T;\nb#22222222 flags:# id:flags.3?long tag:flags.1?string = T;";
    let r = diff_tl(before, after);
    let t = find(&r, ItemKind::Type, "T");
    assert!(!t.breaking);
    assert_eq!(
        texts(t),
        ["accessor added: enums::T::tag(&self) -> Option<&str>"]
    );
}
