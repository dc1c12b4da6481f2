//! The error kinds of the current layer, filled from two error sources: the
//! layer-65 docs tree and Telethon's tables (`../shared/telethon`). The
//! precedence rules of `tlgen::merge::error_tables` on the real data, a
//! method whose errors come only from `methods.csv`, and the same through
//! `Config`.
//!
//! `goal_figures` prints, for each combination of sources, the share of
//! v223 methods with an error enum of their own and the share of the errors
//! Telethon lists that land in a named variant (README, "Typed errors"):
//! `cargo test --test errors_v223 goal_figures -- --nocapture`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tlgen::config::Config;
use tlgen::ir::{Api, Diagnostic, DiagnosticKind, ErrorEntry, Method, Severity};
use tlgen::merge::error_tables;
use tlgen::model::{ErrorOwner, Model};
use tlgen_runtime::{CommonError, RpcError};
use tlgen_test_support::rust::Parsed;
use tlgen_test_support::{ir, shared};

/// The v223 API with the error sources `sources` added, and their notes.
fn v223_with(sources: &[PathBuf]) -> (Api, Vec<Diagnostic>) {
    api_with("v223", sources)
}

fn api_with(layer: &str, sources: &[PathBuf]) -> (Api, Vec<Diagnostic>) {
    let shared = shared::require();
    let mut merged = ir::build(&shared.docs(layer), &shared.schemas(layer));
    let notes = error_tables::import_from(&mut merged.api, sources).expect("error sources");
    (merged.api, notes)
}

fn method<'a>(api: &'a Api, name: &str) -> &'a Method {
    api.methods
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("method {name}"))
}

fn entries<'a>(api: &'a Api, name: &str, error: &str) -> Vec<(i32, &'a str)> {
    method(api, name)
        .errors
        .iter()
        .filter(|e| e.name == error)
        .map(|e| (e.code, e.description.as_str()))
        .collect()
}

fn names(method: &Method) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    method
        .errors
        .iter()
        .map(|e| e.name.as_str())
        .filter(|n| seen.insert(*n))
        .collect()
}

#[test]
#[ignore = "reads ../shared"]
fn v223_error_kinds_from_both_sources() {
    let shared = shared::require();
    let (telethon, v65) = (shared.telethon(), shared.docs("v65"));
    // Given oldest first: the layers decide, not the order.
    let (api, notes) = v223_with(&[v65.clone(), telethon.clone()]);

    // One note per source, newest first.
    let text: Vec<String> = notes
        .iter()
        .filter(|n| n.kind == DiagnosticKind::ImportedErrors)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        text,
        [
            format!(
                "note: {}: error source 1 of 2 (Telethon's tables, no api.tl with a layer beside \
                 them: ranked above every docs tree): 346 of 364 methods listed matched; 725 \
                 errors added to 226 methods (226 of which had none); who may call filled on 0 \
                 methods, differs from the API's on 10 (the API's kept: \
                 help.setBotUpdatesStatus, messages.setBotCallbackAnswer, \
                 messages.setBotPrecheckoutResults, messages.setBotShippingResults, \
                 payments.getPaymentForm and 5 more); 18 methods the API does not have, not \
                 used: channels.deleteUserHistory, channels.editCreator, \
                 channels.viewSponsoredMessage, folders.deleteFolder, getFutureSalts and 13 \
                 more; 165 errors of errors.csv listed for no method",
                telethon.display()
            ),
            format!(
                "note: {}: error source 2 of 2 (docs tree, layer 65): 195 of 223 methods listed \
                 matched; 219 errors added to 87 methods (5 of which had none); 1 empty \
                 descriptions filled; who may call filled on 0 methods, differs from the API's on 5 (the API's kept: \
                 auth.resetAuthorizations, messages.exportChatInvite, payments.getPaymentForm, \
                 photos.updateProfilePhoto, photos.uploadProfilePhoto); 28 methods the API does \
                 not have, not used: auth.checkPhone, auth.sendInvites, \
                 channels.deleteUserHistory, channels.editAbout, channels.exportInvite and 23 \
                 more",
                v65.display()
            ),
        ]
    );
    assert!(notes.iter().all(|n| n.severity == Severity::Note));
    // Telethon's advice for its own client left the descriptions, each error
    // noted on its line of errors.csv, right after Telethon's note.
    let errors_csv = telethon.join("errors.csv").display().to_string();
    let client_text: Vec<(&str, Option<u32>)> = notes[1..5]
        .iter()
        .map(|n| {
            assert_eq!(n.kind, DiagnosticKind::ClientSpecificText, "{n}");
            (n.file.as_str(), n.line)
        })
        .collect();
    let lines = [89, 113, 222, 333].map(|line| (errors_csv.as_str(), Some(line)));
    assert_eq!(client_text, lines);
    assert!(notes[2].message.contains("`CONNECTION_LAYER_INVALID`"));
    assert_eq!(notes.len(), 6);
    let invite = "Invalid object ID for a chat. Make sure to pass the right types, for instance \
                  making sure that the request is designed for chats (not channels/megagroups) \
                  or otherwise look for a different one more suited";
    assert_eq!(
        entries(&api, "messages.addChatUser", "CHAT_ID_INVALID"),
        [(400, invite)]
    );
    // Emptied, then filled by layer 65's words (its note's "1 empty
    // descriptions filled").
    assert_eq!(
        entries(&api, "initConnection", "CONNECTION_LAYER_INVALID"),
        [(400, "Layer invalid")]
    );
    let with_errors = api.methods.iter().filter(|m| !m.errors.is_empty()).count();
    assert_eq!(with_errors, 231);

    // A name both list: Telethon (newer) gives its codes and words, the
    // layer-65 table's `400 You haven't joined...` is not used.
    let private = "The channel specified is private and you lack permission to access it. \
                   Another reason may be that you were banned from it";
    assert_eq!(
        entries(&api, "channels.joinChannel", "CHANNEL_PRIVATE"),
        [(400, private), (406, private)]
    );
    // Names only one lists are all kept: Telethon's INVITE_REQUEST_SENT,
    // layer 65's INVITE_HASH_EMPTY with its own words.
    assert_eq!(
        entries(&api, "channels.joinChannel", "INVITE_REQUEST_SENT"),
        [(
            400,
            "You have successfully requested to join this chat or channel"
        )]
    );
    assert_eq!(
        entries(&api, "channels.joinChannel", "INVITE_HASH_EMPTY"),
        [(400, "The invite hash is empty")]
    );
    let join = method(&api, "channels.joinChannel");
    assert_eq!(
        join.errors_source,
        Some(format!(
            "{}:116, {}/methods/channels.joinChannel.md",
            telethon.join("methods.csv").display(),
            v65.display()
        ))
    );
    // Telethon's names first, then what only layer 65 has.
    assert_eq!(
        names(join)[..5],
        [
            "CHANNELS_TOO_MUCH",
            "CHANNEL_INVALID",
            "CHANNEL_PRIVATE",
            "INVITE_REQUEST_SENT",
            "INVITE_HASH_EMPTY"
        ]
    );

    // Errors only methods.csv knows: layer 65's page of account.deleteAccount
    // has no table; the placeholder stays as Telethon writes it.
    let delete = method(&api, "account.deleteAccount");
    assert_eq!(
        delete.errors,
        [ErrorEntry {
            code: 420,
            name: "2FA_CONFIRM_WAIT_X".into(),
            description: "The account is 2FA protected so it will be deleted in a week. \
                          Otherwise it can be reset in {seconds}"
                .into(),
        }]
    );
    assert_eq!(
        delete.errors_source,
        Some(format!("{}:10", telethon.join("methods.csv").display()))
    );
    // A method layer 65 did not have at all.
    let slow = method(&api, "channels.toggleSlowMode");
    assert_eq!(names(slow), ["SECONDS_INVALID"]);

    // The pages say who may call every v223 method: Telethon's differing
    // answer (`both`) is not taken.
    let bot_only = method(&api, "messages.setBotCallbackAnswer");
    assert_eq!((bot_only.bots, bot_only.users), (Some(true), Some(false)));
}

/// Layer 65's own tables come first; Telethon adds the names they lack, and
/// says who may call where the old pages do not (they never say `users`).
#[test]
#[ignore = "reads ../shared"]
fn v65_s_own_tables_come_first() {
    let shared = shared::require();
    let (before, _) = api_with("v65", &[] as &[PathBuf]);
    let (api, notes) = api_with("v65", &[shared.telethon()]);
    let imported = notes
        .iter()
        .filter(|n| n.kind == DiagnosticKind::ImportedErrors)
        .count();
    assert_eq!(imported, 1);
    let own = method(&before, "messages.sendMessage");
    let send = method(&api, "messages.sendMessage");
    // Every own entry kept as it was, first.
    assert_eq!(send.errors[..own.errors.len()], own.errors[..]);
    assert_eq!(
        entries(&api, "messages.sendMessage", "CHANNEL_PRIVATE"),
        [(400, "You haven't joined this channel/supergroup")]
    );
    assert!(names(send).contains(&"ENTITY_BOUNDS_INVALID"));
    assert_eq!(own.users, None);
    assert_eq!((send.bots, send.users), (own.bots, Some(true)));
    let filled = api.methods.iter().filter(|m| m.users.is_some()).count();
    assert!(filled > 150, "users filled on {filled} methods");
}

/// The same through `Config`, Telethon's tables given as a directory and
/// as its two files.
#[test]
#[ignore = "reads ../shared"]
fn config_takes_telethon_s_tables() {
    let shared = shared::require();
    let telethon = shared.telethon();
    for given in [
        vec![telethon.clone()],
        vec![telethon.join("errors.csv"), telethon.join("methods.csv")],
    ] {
        let mut config = Config::new();
        config
            .docs(shared.docs("v223"))
            .schemas(shared.schemas("v223"))
            .select("channels.joinChannel")
            .select("account.deleteAccount");
        for source in &given {
            config.error_docs(source);
        }
        let (output, diagnostics) = config.output().expect("v223 with Telethon's tables");
        let errors = Parsed::new([("errors/channels.rs", &output.files["errors/channels.rs"])]);
        assert!(errors.has_pub_enum("JoinChannelError"), "{given:?}");
        let variants = errors.unit_variants("JoinChannelError");
        assert!(
            variants.iter().any(|v| v == "InviteRequestSent"),
            "{variants:?}"
        );
        let account = Parsed::new([("errors/account.rs", &output.files["errors/account.rs"])]);
        assert!(account.has_pub_enum("DeleteAccountError"), "{given:?}");
        let notes = diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::ImportedErrors)
            .count();
        assert_eq!(notes, 1, "{given:?}");
    }

    // Anything else is refused, saying what was expected.
    let mut config = Config::new();
    config
        .docs(shared.docs("v223"))
        .schemas(shared.schemas("v223"))
        .error_docs(shared.schemas("v223").remove(0));
    let err = config.output().unwrap_err().to_string();
    assert!(
        err.contains(":1: `") && err.contains("expected an old-format docs tree"),
        "{err}"
    );
}

/// A server message for the error `name`: each `X` segment a number.
fn message_for(name: &str) -> String {
    name.split('_')
        .map(|part| if part == "X" { "3" } else { part })
        .collect::<Vec<_>>()
        .join("_")
}

/// How the runtime reads `name` sent as an error: the name after its
/// normalisation (`FLOOD_WAIT_3` -> `FLOOD_WAIT_X`), the value, and the
/// message (what a variant without an `_X` name matches on).
fn received(code: i32, name: &str) -> RpcError {
    RpcError::parse(code, message_for(name))
}

/// Whether `err` lands in a named variant of an enum over `entries`: a
/// documented name read the same way, or one of the common errors. Without
/// entries there is no enum (the error type is `RpcError`).
fn lands(err: &RpcError, entries: &[&ErrorEntry]) -> bool {
    if entries.is_empty() {
        return false;
    }
    CommonError::from_rpc(err).is_some()
        || entries.iter().any(|e| {
            let documented = received(e.code, &e.name);
            documented.name == err.name && documented.message == err.message
        })
}

/// The figures for one API:
/// * `own`: methods with an error enum of their own, out of all (generic
///   wrappers such as `invokeWithLayer` included, which use their query's
///   error type);
/// * `listed`: (method, error) pairs of Telethon's `methods.csv` for
///   methods the API has (wrappers left out) whose error lands in a named
///   variant of the method's error type;
/// * `known`: errors of `errors.csv` that land in a named variant of the
///   crate-wide enum.
fn figures(api: &Api, telethon: &Path) -> Figures {
    let model = Model::checked(api).expect("the v223 model");
    let own = model
        .func_ids()
        .filter(|(f, _)| model.errors.own(*f).is_some())
        .count();
    let all_entries: Vec<&ErrorEntry> = api.methods.iter().flat_map(|m| &m.errors).collect();

    let tables = tlgen::telethon::read_dir(telethon).expect("Telethon's tables");
    let (mut pairs, mut landed) = (0, 0);
    for row in &tables.methods {
        let Some(at) = model.method_named(&row.name) else {
            continue;
        };
        let func = model.func(at);
        if func.generic.is_some() {
            continue;
        }
        // No error enum at all (no method documents any): a bare `RpcError`.
        let entries: Vec<&ErrorEntry> = match model.errors.of_func(at).map(|e| e.owner) {
            None => Vec::new(),
            Some(ErrorOwner::Api) => all_entries.clone(),
            Some(ErrorOwner::Method(_)) => func.ir.errors.iter().collect(),
        };
        for name in &row.errors {
            let code = tables.errors[name].codes[0];
            pairs += 1;
            landed += usize::from(lands(&received(code, name), &entries));
        }
    }
    // Every error errors.csv knows, whichever method returns it: a named
    // variant of the crate-wide enum (a name documented for some method) or
    // a common error.
    let known = tables
        .errors
        .values()
        .filter(|e| lands(&received(e.codes[0], &e.name), &all_entries))
        .count();
    Figures {
        own: (own, model.funcs.len()),
        listed: (landed, pairs),
        known: (known, tables.errors.len()),
    }
}

/// Shares as (part, whole).
#[derive(Debug, Clone, Copy)]
struct Figures {
    own: (usize, usize),
    listed: (usize, usize),
    known: (usize, usize),
}

fn percent((part, whole): (usize, usize)) -> f64 {
    100.0 * part as f64 / whole as f64
}

#[test]
#[ignore = "reads ../shared"]
fn goal_figures() {
    let shared = shared::require();
    let (telethon, v65) = (shared.telethon(), shared.docs("v65"));
    let mut rows = Vec::new();
    for (label, sources) in [
        ("v223 pages alone", vec![]),
        ("+ layer 65 tree", vec![v65.clone()]),
        ("+ Telethon", vec![telethon.clone()]),
        ("+ both", vec![telethon.clone(), v65.clone()]),
    ] {
        let (api, _) = v223_with(&sources);
        let f = figures(&api, &telethon);
        println!(
            "{label:<18} own error enum: {:>3} of {} methods ({:.1}%); methods.csv's errors in \
             a named variant: {:>3} of {} ({:.1}%); errors.csv's in the crate-wide enum: {:>3} \
             of {} ({:.1}%)",
            f.own.0,
            f.own.1,
            percent(f.own),
            f.listed.0,
            f.listed.1,
            percent(f.listed),
            f.known.0,
            f.known.1,
            percent(f.known)
        );
        rows.push(f);
    }
    let [alone, old, newer, both] = rows[..] else {
        unreachable!()
    };
    // Alone, no method has an error enum: nothing lands.
    assert_eq!((alone.own.0, alone.listed.0, alone.known.0), (0, 0, 0));
    // Each source adds, both add most.
    assert!(old.own.0 > 0 && newer.own.0 > old.own.0 && both.own.0 > newer.own.0);
    assert!(both.listed.0 >= newer.listed.0 && newer.listed.0 > old.listed.0);
    assert!(both.known.0 > newer.known.0 && newer.known.0 > old.known.0);
    // Measured: 229 of 757 methods (231 document errors; 2 of them are
    // wrappers); every pair of methods.csv for a v223 method (outside the
    // wrappers) lands.
    assert_eq!(both.own, (229, 757));
    assert_eq!(both.listed.0, both.listed.1);
}
