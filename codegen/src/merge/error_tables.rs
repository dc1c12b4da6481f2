//! Errors, and who may call a method, from other sources than the layer's
//! own pages.
//!
//! Only old-format pages carry an `### Errors` table, so every method of a
//! current layer would fail with a bare `RpcError`. Error names outlive
//! layers: the tables of an older (old-format) docs tree and Telethon's
//! `methods.csv` and `errors.csv` still describe the methods the API shares
//! with them. [`import_from`] reads such sources ([`error_sources`] tells
//! them apart) and adds what they say to the API.
//!
//! # Precedence
//!
//! 1. The layer's own pages first: the entries of their tables are kept as
//!    they are, and so are the `bots`/`users` lines they have.
//! 2. Then the other sources, newest first, by the layer each declares.
//!    Telethon's tables without a declared layer rank above every docs tree:
//!    Telethon keeps them up to date with current layers, while
//!    MadelineProto's old-format trees stop at old ones. A docs tree that
//!    declares no layer ranks below those that do. Equal ranks keep the order
//!    given.
//! 3. Error names are united: a name that any source lists for a method is
//!    one of its errors (an error the server returned for it in one layer
//!    is worth a variant in the next). The first source in this order that
//!    lists a name decides its codes and description; a later one only fills
//!    in a description left empty. Codes are never matched on (the server
//!    sends the same error under other codes over time), so a stale code
//!    costs nothing but a line of docs.
//! 4. Who may call: a `bots` or `users` the API leaves unset takes the first
//!    source's answer; a set one is kept, and the note counts the methods a
//!    source disagrees on.
//! 5. Methods a source lists that the API does not have (removed or renamed
//!    since the source's layer) are not used, and the note names them.
//!    Names match exactly, or ignoring case and `_` when that finds exactly
//!    one method (Telethon writes MTProto's `req_pq` as `reqPq`).
//!
//! Descriptions are kept as the source writes them, Telethon's
//! `{seconds}`-style placeholders included. A method's `errors_source`
//! lists where the entries it gained came from.
//!
//! # Notes
//!
//! Each source adds one [`Severity::Note`] with its contribution: methods
//! matched, errors added (to how many methods, how many of which had none),
//! descriptions filled, who-may-call filled and disagreeing, methods the API
//! does not have, and errors the source lists for no method. It is a
//! [`Severity::Warning`] instead when the source matches none of the API's
//! methods (it is for another API), and for a docs tree without a single
//! `### Errors` table (a current-format tree given by mistake), which adds
//! nothing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::error_sources::{self, ErrorSource, SourceKind, SourceMethod};
use crate::error::Result;
use crate::ir::{Api, Diagnostic, DiagnosticKind, ErrorEntry, Method, Severity};

/// Reads the error sources at `paths` (see [`error_sources`]) and adds what
/// they say to `api` ([`import`]).
pub fn import_from<P: AsRef<Path>>(api: &mut Api, paths: &[P]) -> Result<Vec<Diagnostic>> {
    let sources = error_sources::open(paths)?;
    Ok(import(api, sources))
}

/// Adds what `sources` say to `api`, in the order of [precedence](self#precedence).
/// Returns one diagnostic per source, in that order, each followed by the
/// notes of what reading the source left out ([`ErrorSource::notes`]).
pub fn import(api: &mut Api, mut sources: Vec<ErrorSource>) -> Vec<Diagnostic> {
    if sources.is_empty() {
        // Every load calls this: no index of the API's methods for nothing.
        return Vec::new();
    }
    sources.sort_by_key(|s| std::cmp::Reverse(rank(s)));
    let index = MethodIndex::new(api);
    let count = sources.len();
    let mut out = Vec::with_capacity(count);
    for (i, source) in sources.iter().enumerate() {
        let position = format!("error source {} of {count}", i + 1);
        out.push(match apply(api, &index, source) {
            Some(contribution) => contribution.note(source, &position),
            None => no_tables(source, &position),
        });
        out.extend(source.notes.iter().cloned());
    }
    out
}

/// The layer a source counts as, for [precedence](self#precedence).
fn rank(source: &ErrorSource) -> u32 {
    match source.kind {
        SourceKind::DocsTree => source.layer.unwrap_or(0),
        SourceKind::Telethon => source.layer.unwrap_or(u32::MAX),
    }
}

/// The API's methods by name, exact and folded (see [`fold`]).
struct MethodIndex {
    exact: HashMap<String, usize>,
    /// `None` when two methods fold to the same key.
    folded: HashMap<String, Option<usize>>,
}

impl MethodIndex {
    fn new(api: &Api) -> Self {
        let mut folded: HashMap<String, Option<usize>> = HashMap::new();
        for (i, m) in api.methods.iter().enumerate() {
            folded
                .entry(fold(&m.name))
                .and_modify(|slot| *slot = None)
                .or_insert(Some(i));
        }
        MethodIndex {
            exact: api
                .methods
                .iter()
                .enumerate()
                .map(|(i, m)| (m.name.clone(), i))
                .collect(),
            folded,
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.exact
            .get(name)
            .copied()
            .or_else(|| self.folded.get(&fold(name)).copied().flatten())
    }
}

/// A method name without case and `_`: `req_pq` and `reqPq` are one key.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|&c| c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What one source added, for its note.
#[derive(Default)]
struct Contribution<'s> {
    matched: usize,
    /// Error names added, over all methods.
    added: usize,
    /// Methods that gained an error.
    gained: usize,
    /// Of those, the ones that had none before.
    gained_first: usize,
    described: usize,
    usability_filled: usize,
    usability_differs: Vec<&'s str>,
    absent: Vec<&'s str>,
}

/// Adds what `source` says to the methods of `api`; `None` when it is a
/// docs tree without any error table (nothing is changed then).
fn apply<'s>(
    api: &mut Api,
    index: &MethodIndex,
    source: &'s ErrorSource,
) -> Option<Contribution<'s>> {
    if source.kind == SourceKind::DocsTree && source.methods.iter().all(|m| m.errors.is_empty()) {
        return None;
    }
    let mut c = Contribution::default();
    for listed in &source.methods {
        let Some(i) = index.find(&listed.name) else {
            c.absent.push(&listed.name);
            continue;
        };
        c.matched += 1;
        let method = &mut api.methods[i];
        let had_none = method.errors.is_empty();
        let (added, described) = add_errors(method, &listed.errors);
        c.described += described;
        if added > 0 {
            c.added += added;
            c.gained += 1;
            c.gained_first += usize::from(had_none);
            method.errors_source = Some(match method.errors_source.take() {
                Some(earlier) => format!("{earlier}, {}", listed.location),
                None => listed.location.clone(),
            });
        }
        let (filled, differs) = fill_usability(method, listed);
        c.usability_filled += usize::from(filled);
        if differs {
            c.usability_differs.push(&listed.name);
        }
    }
    Some(c)
}

/// Adds the entries of `errors` whose name `method` does not have yet (all
/// codes of such a name), and fills the empty descriptions of names it has.
/// Returns the names added and the descriptions filled.
fn add_errors(method: &mut Method, errors: &[ErrorEntry]) -> (usize, usize) {
    let known: HashSet<String> = method
        .errors
        .iter()
        .map(|e| e.name.trim().to_owned())
        .collect();
    let mut added: HashSet<&str> = HashSet::new();
    let mut described = 0;
    for entry in errors {
        let name = entry.name.trim();
        if !known.contains(name) {
            added.insert(name);
            method.errors.push(entry.clone());
            continue;
        }
        if entry.description.trim().is_empty() {
            continue;
        }
        for own in method
            .errors
            .iter_mut()
            .filter(|e| e.name.trim() == name && e.description.trim().is_empty())
        {
            own.description = entry.description.clone();
            described += 1;
        }
    }
    (added.len(), described)
}

/// Sets the `bots`/`users` of `method` that are unset from `listed`.
/// Returns whether it set one, and whether a set one differs from `listed`.
fn fill_usability(method: &mut Method, listed: &SourceMethod) -> (bool, bool) {
    let mut filled = false;
    let mut differs = false;
    for (own, theirs) in [
        (&mut method.bots, listed.bots),
        (&mut method.users, listed.users),
    ] {
        match (*own, theirs) {
            (None, Some(value)) => {
                *own = Some(value);
                filled = true;
            }
            (Some(a), Some(b)) if a != b => differs = true,
            _ => {}
        }
    }
    (filled, differs)
}

/// At most this many names are spelled out in a note.
const NAMED: usize = 5;

/// `names`, the first [`NAMED`] of them spelled out.
fn some_of(names: &[&str]) -> String {
    let mut text = names[..names.len().min(NAMED)].join(", ");
    if names.len() > NAMED {
        text.push_str(&format!(" and {} more", names.len() - NAMED));
    }
    text
}

/// What a source is, for its note.
fn describe(source: &ErrorSource) -> String {
    match (source.kind, source.layer) {
        (SourceKind::DocsTree, Some(layer)) => format!("docs tree, layer {layer}"),
        (SourceKind::DocsTree, None) => {
            "docs tree, no layer in its title: ranked below trees with one".to_owned()
        }
        (SourceKind::Telethon, Some(layer)) => format!("Telethon's tables, layer {layer}"),
        (SourceKind::Telethon, None) => {
            "Telethon's tables, no api.tl with a layer beside them: ranked above every docs tree"
                .to_owned()
        }
    }
}

impl Contribution<'_> {
    fn note(&self, source: &ErrorSource, position: &str) -> Diagnostic {
        let mut parts = vec![
            format!(
                "{} of {} methods listed matched",
                self.matched,
                source.methods.len()
            ),
            format!(
                "{} errors added to {} methods ({} of which had none)",
                self.added, self.gained, self.gained_first
            ),
        ];
        if self.described > 0 {
            parts.push(format!("{} empty descriptions filled", self.described));
        }
        let mut usability = format!("who may call filled on {} methods", self.usability_filled);
        if !self.usability_differs.is_empty() {
            usability.push_str(&format!(
                ", differs from the API's on {} (the API's kept: {})",
                self.usability_differs.len(),
                some_of(&self.usability_differs)
            ));
        }
        parts.push(usability);
        if !self.absent.is_empty() {
            parts.push(format!(
                "{} methods the API does not have, not used: {}",
                self.absent.len(),
                some_of(&self.absent)
            ));
        }
        if source.unlisted_errors > 0 {
            parts.push(format!(
                "{} errors of errors.csv listed for no method",
                source.unlisted_errors
            ));
        }
        // A source that names none of the API's methods is for another API.
        let severity = Severity::explained(self.matched > 0 || source.methods.is_empty());
        Diagnostic {
            severity,
            kind: DiagnosticKind::ImportedErrors,
            file: source.label.clone(),
            line: None,
            message: format!("{position} ({}): {}", describe(source), parts.join("; ")),
        }
    }
}

/// The warning for a docs tree without any error table.
fn no_tables(source: &ErrorSource, position: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        kind: DiagnosticKind::ImportedErrors,
        file: source.label.clone(),
        line: None,
        message: format!(
            "{position}: no method page here has an `### Errors` table (only old-format docs \
             trees, such as layer 65's, have them): nothing imported"
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::merge::error_sources::{docs_tree, telethon_source};
    use crate::pages::{Page, PageError, PageKind};

    fn method(name: &str) -> Method {
        crate::test_support::method(name, "Updates")
    }

    fn page(name: &str, errors: &[(i32, &str, &str)]) -> Page {
        Page {
            name: name.to_owned(),
            line: 1,
            errors: errors
                .iter()
                .enumerate()
                .map(|(i, &(code, name, description))| PageError {
                    code,
                    name: name.to_owned(),
                    description: description.to_owned(),
                    line: 20 + i as u32,
                })
                .collect(),
            ..Page::blank(PageKind::Method, format!("methods/{name}.md"))
        }
    }

    /// An old docs tree of inline pages, declaring `layer`.
    fn tree(label: &str, layer: Option<u32>, pages: &[Page]) -> ErrorSource {
        ErrorSource {
            layer,
            ..docs_tree(Path::new(label), pages)
        }
    }

    fn sample_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
    }

    fn sample_telethon() -> ErrorSource {
        let dir = sample_root().join("telethon");
        let tables = crate::telethon::read_dir(&dir).unwrap();
        telethon_source(&tables, Path::new("telethon"), None)
    }

    /// The sample API, as the merge builds it from `docs-input/`.
    fn sample_api() -> Api {
        crate::test_support::sample_merged().api
    }

    fn errors_of<'a>(api: &'a Api, name: &str) -> Vec<(i32, &'a str, &'a str)> {
        let m = api.methods.iter().find(|m| m.name == name).unwrap();
        m.errors
            .iter()
            .map(|e| (e.code, e.name.as_str(), e.description.as_str()))
            .collect()
    }

    fn find<'a>(api: &'a Api, name: &str) -> &'a Method {
        api.methods.iter().find(|m| m.name == name).unwrap()
    }

    #[test]
    fn adds_a_tree_s_tables_by_name() {
        let mut api = Api {
            methods: vec![
                method("channels.joinChannel"),
                method("messages.sendMessage"),
            ],
            ..Api::default()
        };
        api.methods[1].errors = vec![ErrorEntry {
            code: 400,
            name: "OWN_ERROR".into(),
            description: String::new(),
        }];
        let pages = [
            page(
                "channels.joinChannel",
                &[(400, "CHANNEL_INVALID", ""), (403, "CHANNEL_PRIVATE", "")],
            ),
            page("messages.sendMessage", &[(400, "PEER_ID_INVALID", "")]),
            page("messages.gone", &[(400, "PEER_ID_INVALID", "")]),
        ];
        let diagnostics = import(&mut api, vec![tree("old", Some(65), &pages)]);
        let names = |m: &Method| m.errors.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&api.methods[0]),
            ["CHANNEL_INVALID", "CHANNEL_PRIVATE"]
        );
        assert_eq!(
            api.methods[0].errors_source.as_deref(),
            Some("old/methods/channels.joinChannel.md")
        );
        // A method's own table comes first; the tree adds the names it lacks.
        assert_eq!(names(&api.methods[1]), ["OWN_ERROR", "PEER_ID_INVALID"]);
        let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "note: old: error source 1 of 1 (docs tree, layer 65): 2 of 3 methods listed \
              matched; 3 errors added to 2 methods (1 of which had none); who may call filled \
              on 0 methods; 1 methods the API does not have, not used: messages.gone"
            ]
        );
    }

    /// Telethon's advice for its own client leaves the descriptions, one
    /// note per error on its line of errors.csv; an emptied description is
    /// filled by the next source, as any empty one.
    #[test]
    fn telethon_client_advice_is_left_out_and_noted() {
        let methods = "method,usability,errors\n\
                       messages.addChatUser,user,CHAT_ID_INVALID CONNECTION_LAYER_INVALID\n";
        let errors = "name,codes,description\n\
                      CHAT_ID_INVALID,400,Invalid object ID for a chat. Use InviteToChannelRequest instead\n\
                      CONNECTION_LAYER_INVALID,400,The very first request must always be InvokeWithLayerRequest\n\
                      UNUSED_ERROR,400,Use SomethingRequest\n";
        let tables = crate::telethon::tables(
            Path::new("t/methods.csv"),
            methods,
            Path::new("t/errors.csv"),
            errors,
        )
        .unwrap();
        let telethon = telethon_source(&tables, Path::new("t"), None);
        let older = tree(
            "old",
            Some(65),
            &[page(
                "messages.addChatUser",
                &[(400, "CONNECTION_LAYER_INVALID", "The layer is invalid")],
            )],
        );
        let mut api = Api {
            methods: vec![method("messages.addChatUser")],
            ..Api::default()
        };
        let diagnostics = import(&mut api, vec![older, telethon]);
        assert_eq!(
            errors_of(&api, "messages.addChatUser"),
            [
                (400, "CHAT_ID_INVALID", "Invalid object ID for a chat."),
                (400, "CONNECTION_LAYER_INVALID", "The layer is invalid"),
            ]
        );
        let notes: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::ClientSpecificText)
            .map(ToString::to_string)
            .collect();
        // Listed errors only, right after their source's own note.
        assert_eq!(
            notes,
            [
                "note: t/errors.csv:2: error `CHAT_ID_INVALID`: left out Telethon-specific text \
                 (advice for its Python client) from the description",
                "note: t/errors.csv:3: error `CONNECTION_LAYER_INVALID`: left out \
                 Telethon-specific text (advice for its Python client) from the description",
            ]
        );
        assert_eq!(diagnostics.len(), 4);
        assert_eq!(diagnostics[0].kind, DiagnosticKind::ImportedErrors);
    }

    #[test]
    fn a_tree_without_tables_is_a_warning_and_adds_nothing() {
        let mut api = Api {
            methods: vec![method("channels.joinChannel")],
            ..Api::default()
        };
        let mut listed = page("channels.joinChannel", &[]);
        listed.bots = Some(true);
        let diagnostics = import(&mut api, vec![tree("v223", Some(223), &[listed])]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].severity, Severity::Warning);
        assert!(diagnostics[0]
            .message
            .contains("no method page here has an `### Errors` table"));
        assert!(api.methods[0].errors.is_empty());
        assert_eq!(api.methods[0].bots, None);
    }

    /// The sample API with the Telethon sample and an older tree: the
    /// layer's own tables first, then Telethon (above every docs tree), then
    /// the tree; names united, codes and descriptions from the first source
    /// that lists a name.
    #[test]
    fn precedence_on_the_samples() {
        let mut api = sample_api();
        let older = tree(
            "old",
            Some(65),
            &[
                page(
                    "messages.sendMessage",
                    &[
                        (403, "PEER_ID_INVALID", "Older words"),
                        (400, "MESSAGE_EMPTY", "The message is empty"),
                    ],
                ),
                page(
                    "upload.getFile",
                    &[(400, "FILE_PART_INVALID", "Bad part number")],
                ),
            ],
        );
        // Given oldest first: the rank, not the order, decides.
        let diagnostics = import(&mut api, vec![older, sample_telethon()]);

        // Own table kept as is (code 400 only, its own words); Telethon adds
        // the names it lacks, each with all its codes.
        assert_eq!(
            errors_of(&api, "messages.importChatInvite"),
            [
                (
                    400,
                    "INVITE_HASH_EXPIRED",
                    "The invite link is no longer valid"
                ),
                (
                    400,
                    "USER_ALREADY_PARTICIPANT",
                    "You are already a member of this chat"
                ),
                (420, "SLOWMODE_WAIT_X", "Wait X seconds before trying again"),
                (-503, "Timeout", "The server did not answer in time"),
                (400, "INVITE_HASH_EMPTY", "The invite hash is empty"),
                (
                    400,
                    "CHANNELS_TOO_MUCH",
                    "You are in too many channels and supergroups, leave some first"
                ),
                (
                    420,
                    "FLOOD_WAIT_X",
                    "A wait of {seconds} seconds is required"
                ),
            ]
        );
        // No own table: Telethon first (its code and words for
        // PEER_ID_INVALID), the older tree adds MESSAGE_EMPTY.
        let forbidden = "You may not write here: \"read only\" chats and channels where you are \
                         not an admin";
        assert_eq!(
            errors_of(&api, "messages.sendMessage"),
            [
                (400, "CHAT_WRITE_FORBIDDEN", forbidden),
                (403, "CHAT_WRITE_FORBIDDEN", forbidden),
                (
                    400,
                    "PEER_ID_INVALID",
                    "The peer is not known to this session"
                ),
                (
                    420,
                    "SLOWMODE_WAIT_X",
                    "Slow mode is on: wait {seconds} seconds before sending again"
                ),
                (400, "MESSAGE_EMPTY", "The message is empty"),
            ]
        );
        // Telethon's empty description is filled from the older tree.
        assert_eq!(
            errors_of(&api, "upload.getFile"),
            [
                (
                    400,
                    "FILE_PART_X_MISSING",
                    "Part {which} of the file was never uploaded"
                ),
                (400, "FILE_PART_INVALID", "Bad part number"),
            ]
        );
        let telethon = sample_root()
            .join("telethon/methods.csv")
            .display()
            .to_string();
        assert_eq!(
            find(&api, "messages.sendMessage").errors_source,
            Some(format!("{telethon}:5, old/methods/messages.sendMessage.md"))
        );
        assert_eq!(
            find(&api, "messages.importChatInvite").errors_source,
            Some(format!("{telethon}:4"))
        );
        assert_eq!(find(&api, "help.getConfig").errors_source, None);

        // Who may call: unset values filled (`reqPq` is `req_pq`), set ones kept.
        let usability = |name: &str| {
            let m = find(&api, name);
            (m.bots, m.users)
        };
        assert_eq!(usability("req_pq"), (Some(true), Some(true)));
        assert_eq!(
            usability("messages.importChatInvite"),
            (Some(false), Some(true))
        );
        assert_eq!(usability("users.getUsers"), (Some(true), Some(true)));
        assert_eq!(usability("help.getConfig"), (Some(true), Some(true)));
        // `unknown` leaves them as they are.
        assert_eq!(usability("upload.saveFilePart"), (Some(true), None));

        let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "note: telethon: error source 1 of 2 (Telethon's tables, no api.tl with a layer \
                 beside them: ranked above every docs tree): 8 of 9 methods listed matched; 10 \
                 errors added to 4 methods (3 of which had none); who may call filled on 3 \
                 methods, differs from the API's on 1 (the API's kept: help.getConfig); 1 \
                 methods the API does not have, not used: messages.sendMessageOld; 1 errors of \
                 errors.csv listed for no method",
                "note: old: error source 2 of 2 (docs tree, layer 65): 2 of 2 methods listed \
                 matched; 1 errors added to 1 methods (0 of which had none); 1 empty \
                 descriptions filled; who may call filled on 0 methods",
            ]
        );
    }

    #[test]
    fn ranks_newest_first_and_keeps_the_given_order_on_ties() {
        let sources = vec![
            tree("unknown", None, &[page("a.b", &[(400, "E", "")])]),
            tree("v65", Some(65), &[page("a.b", &[(400, "E", "")])]),
            tree("v66", Some(66), &[page("a.b", &[(400, "E", "")])]),
            tree("v66-again", Some(66), &[page("a.b", &[(400, "E", "")])]),
            ErrorSource {
                layer: Some(60),
                ..sample_telethon()
            },
        ];
        let mut api = Api {
            methods: vec![method("a.b")],
            ..Api::default()
        };
        let order: Vec<String> = import(&mut api, sources)
            .into_iter()
            .map(|d| d.file)
            .collect();
        assert_eq!(order, ["v66", "v66-again", "v65", "telethon", "unknown"]);
        // The first source in that order gave the entry.
        assert_eq!(
            api.methods[0].errors_source.as_deref(),
            Some("v66/methods/a.b.md")
        );
    }

    #[test]
    fn a_source_for_another_api_is_a_warning() {
        let mut api = Api {
            methods: vec![method("other.method")],
            ..Api::default()
        };
        let diagnostics = import(&mut api, vec![sample_telethon()]);
        assert_eq!(diagnostics[0].severity, Severity::Warning);
        assert!(
            diagnostics[0]
                .message
                .contains("0 of 9 methods listed matched"),
            "{}",
            diagnostics[0]
        );
    }

    #[test]
    fn folds_names_only_when_one_method_matches() {
        let api = Api {
            methods: vec![method("req_pq"), method("get_x"), method("getX")],
            ..Api::default()
        };
        let index = MethodIndex::new(&api);
        assert_eq!(index.find("reqPq"), Some(0));
        assert_eq!(index.find("getX"), Some(2));
        assert_eq!(index.find("GETx"), None);
        assert_eq!(index.find("nothing"), None);
    }
}
