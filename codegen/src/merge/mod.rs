//! Joins pages to schema definitions into the IR, reporting every disagreement.
//!
//! The schema owns the wire shape (IDs, param order, flag bits, hidden
//! fields); the pages add descriptions, usability, errors and the docs-only
//! params MadelineProto accepts. Each difference between the two becomes a
//! [`Diagnostic`]: a [`Severity::Note`] when it is one of MadelineProto's
//! documented display conventions (docs/FORMATS-NOTES.md), a [`Severity::Warning`]
//! otherwise, and a [`Severity::Error`] when the output would be gutted or
//! wrong (see Coverage below and [`Merged::fatal`]).
//!
//! # Coverage
//!
//! A docs tree and the schema it was generated from describe the same API.
//! When fewer than half of the method (or constructor) pages find their
//! schema entry, when the docs have no method page at all, or when the API
//! ends up without a method, the inputs do not belong together (a truncated
//! schema, another layer's docs) and the merge reports a
//! [`DiagnosticKind::Coverage`] error instead of quietly producing a gutted
//! API.
//!
//! Broken pages do not stop the merge: [`build`] skips each page that cannot
//! be read (empty, malformed, not UTF-8) with a
//! [`DiagnosticKind::UnreadablePage`] warning naming its file and line; a
//! schema entry it documents is still generated, with the exact wire shape
//! and no docs.

mod coverage;
mod layers;
mod references;
#[cfg(test)]
mod tests_protocol;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub mod conventions;
pub mod error_sources;
pub mod error_tables;

use crate::error::Result;
use crate::ir::{
    Api, Constructor, Diagnostic, DiagnosticKind, ErrorEntry, Method, Param, Severity, Space,
    TlType, TypeDef,
};
use crate::pages::{self, Page, PageKind, PageParam, TypeCell};
use crate::schema::{self, Category, Definition, Schema, SchemaParam};

/// The IR of one docs tree plus the diagnostics found while building it.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// The API.
    pub api: Api,
    /// Every disagreement between docs and schema, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Merged {
    /// The diagnostics of one severity, in order.
    fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.severity == severity)
    }

    /// Diagnostics that no documented convention explains.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.with_severity(Severity::Warning)
    }

    /// Findings that make the output wrong or gutted: a run stops on them.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.with_severity(Severity::Error)
    }

    /// The diagnostics that fail a run under the policy of
    /// [`Diagnostic::is_fatal`]: every error, and every warning too when
    /// `deny_warnings` is set. Empty when the output may be used.
    pub fn fatal(&self, deny_warnings: bool) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.is_fatal(deny_warnings))
    }
}

/// How the merge treats what it is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// Whether API schemas and docs of different layers may be mixed: their
    /// disagreement is then a warning instead of an error (see
    /// `merge/layers.rs`).
    pub mixed_layers: bool,
}

/// Reads the docs under `docs` and the schema files, and merges them.
///
/// A schema that cannot be read or parsed fails the call; a page that cannot
/// is skipped with a [`DiagnosticKind::UnreadablePage`] warning (every such
/// page, in one run). The caller decides with [`Merged::fatal`] whether the
/// result may be used.
pub fn build(docs: &Path, schemas: &[PathBuf]) -> Result<Merged> {
    build_with(Some(docs), schemas, &MergeOptions::default())
}

/// [`build`], with options, and without docs when `docs` is `None`: the
/// schemas alone then give every entry its exact wire shape, without docs
/// (one note per schema file says so).
pub fn build_with(
    docs: Option<&Path>,
    schemas: &[PathBuf],
    options: &MergeOptions,
) -> Result<Merged> {
    let (pages, schemas) = crate::par::join(
        || match docs {
            Some(docs) => pages::read_docs_tolerant(docs),
            None => Ok((Vec::new(), Vec::new())),
        },
        || {
            crate::par::map(schemas, |path| schema::load_schema(path))
                .into_iter()
                .collect::<Result<Vec<_>>>()
        },
    );
    let (pages, bad_pages) = pages?;
    let schemas = schemas?;
    let skipped = bad_pages
        .into_iter()
        .map(|e| SkippedPage::of(docs.unwrap_or(Path::new("")), e))
        .collect();
    Ok(merge_with(docs, &pages, &schemas, skipped, options))
}

/// A page [`build`] could not read. It becomes one warning, which says what
/// is lost with it: the schema entry named after the page is generated
/// without docs, and its own "has no page" warning is folded in here.
struct SkippedPage {
    file: String,
    line: Option<u32>,
    /// Why it was skipped.
    what: String,
    /// The schema entry the page's file is named after (`methods/x.y.md`:
    /// the function `x.y`).
    entity: Option<(Category, String)>,
    /// That entry, as `schema method x.y (file:line)`, once the merge found it.
    entry: Option<String>,
}

impl SkippedPage {
    fn of(docs: &Path, error: crate::Error) -> SkippedPage {
        let (path, line, what) = match error {
            crate::Error::Parse {
                path,
                line,
                message,
            } => (path, Some(line), message),
            crate::Error::Io { path, error } => (path, None, error.to_string()),
            crate::Error::Input { path, message } => (path, None, message),
        };
        let entity = path.strip_prefix(docs).ok().and_then(|rel| {
            let category = match rel.parent()?.to_str()? {
                "methods" => Category::Function,
                "constructors" => Category::Type,
                _ => return None,
            };
            let name = rel.file_name()?.to_str()?.strip_suffix(".md")?;
            Some((category, name.to_owned()))
        });
        SkippedPage {
            file: path.display().to_string(),
            line,
            what,
            entity,
            entry: None,
        }
    }

    /// The warning, once the merge is done: `has_schemas` says whether an
    /// entry could have been generated without the page.
    fn diagnostic(self, has_schemas: bool) -> Diagnostic {
        let consequence = match (&self.entry, has_schemas) {
            (Some(entry), _) => format!("{entry} is generated from the schema alone, without docs"),
            (None, true) => {
                "a schema entry it documents is generated from the schema alone, without docs"
                    .to_owned()
            }
            (None, false) => "whatever it documents is left out of the output".to_owned(),
        };
        Diagnostic {
            severity: Severity::Warning,
            kind: DiagnosticKind::UnreadablePage,
            file: self.file,
            line: self.line,
            message: format!("page skipped: {}; {consequence}", self.what),
        }
    }
}

/// Merges already-parsed pages (read from `docs`) and schemas.
pub fn merge(docs: &Path, pages: &[Page], schemas: &[Schema]) -> Merged {
    merge_with(
        Some(docs),
        pages,
        schemas,
        Vec::new(),
        &MergeOptions::default(),
    )
}

/// [`merge`], with the pages [`build`] had to skip; `docs` is `None` for a
/// run on schemas alone.
fn merge_with(
    docs: Option<&Path>,
    pages: &[Page],
    schemas: &[Schema],
    skipped: Vec<SkippedPage>,
    options: &MergeOptions,
) -> Merged {
    let mut merger = Merger {
        docs: docs.unwrap_or(Path::new("")),
        diagnostics: Vec::new(),
        skipped,
        has_secret_layers: schemas
            .iter()
            .any(|s| s.definitions.iter().any(|d| d.layer.is_some())),
        secret_pages: Vec::new(),
        missing_pages: Vec::new(),
    };
    for schema in schemas {
        merger.diagnostics.extend(schema::check_ids(schema));
    }
    let pages = merger.index_pages(pages);
    let mut api = if schemas.is_empty() {
        merger.docs_only_api(&pages)
    } else {
        merger.merged_api(&pages, schemas)
    };
    if let Some(docs) = docs {
        coverage::check(
            docs,
            &pages,
            &api,
            !schemas.is_empty(),
            &mut merger.diagnostics,
        );
    }
    merger.diagnostics.extend(conventions::strip(&mut api));
    api.layer = layers::check(docs, schemas, options.mixed_layers, &mut merger.diagnostics);
    merger.report_missing_secret_schema();
    let has_schemas = !schemas.is_empty();
    let skipped = std::mem::take(&mut merger.skipped);
    merger
        .diagnostics
        .extend(skipped.into_iter().map(|p| p.diagnostic(has_schemas)));
    let mut diagnostics = merger.diagnostics;
    diagnostics.sort();
    diagnostics.dedup();
    Merged { api, diagnostics }
}

/// Whether `name` ends in a secret-chat layer suffix (`decryptedMessage_8`):
/// MadelineProto names the pages of secret-chat entries so.
fn has_layer_suffix(name: &str) -> bool {
    name.rsplit_once('_').is_some_and(|(base, layer)| {
        !base.is_empty() && !layer.is_empty() && layer.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The IR name of the built-in `vector` constructor, handled by the runtime.
const BUILTIN_VECTOR: &str = "vector";
/// The type of the built-in `vector` constructor.
const BUILTIN_VECTOR_TYPE: &str = "Vector t";

/// Where an entry is filed: its space and its IR name. Sorted, the API's
/// entries come first, by name.
type Key = (Space, String);

/// The rows of one page being joined to the schema's params: the ones the
/// schema does not have are docs-only, added where the page shows them.
struct DocsOnlyRows<'r> {
    /// The entry's name, for the diagnostics.
    name: &'r str,
    /// The page's file, for the diagnostics.
    file: &'r str,
    rows: &'r [PageParam],
    /// The names the schema has.
    in_schema: HashSet<&'r str>,
    /// The first row not yet added or skipped.
    next: usize,
}

/// One schema definition under the name the docs use for it.
struct Entry<'a> {
    def: &'a Definition,
    file: &'a str,
    /// The namespace of its file ([`Schema::space`]).
    space: Space,
    /// The wire name when the IR name carries a secret-layer suffix.
    tl_name: Option<String>,
    /// Index of the schema file it comes from: a missing page is only a
    /// warning when some entry of the same file has a page (else the file as
    /// a whole is undocumented, e.g. TL_mtproto_v1.tl beside the v223 docs).
    file_index: usize,
    /// Its [`agreement`] with its page, once a duplicate definition of its
    /// name made it needed.
    agreement: Option<i64>,
}

struct Merger<'a> {
    docs: &'a Path,
    diagnostics: Vec<Diagnostic>,
    /// Pages [`build`] could not read, reported once the merge is done.
    skipped: Vec<SkippedPage>,
    /// Whether a schema has secret-chat layer sections (`===N===`).
    has_secret_layers: bool,
    /// Pages of secret-chat entries found without such a schema (see
    /// [`Merger::secret_page`]), by the first entry each names, reported as
    /// one warning.
    secret_pages: Vec<String>,
    /// Entries of documented schema files without a page (`constructor
    /// x`, file index, line), reported as one warning per file
    /// ([`Merger::report_missing_pages`]).
    missing_pages: Vec<(String, usize, u32)>,
}

/// The pages of each kind by entity name, one page per name.
#[derive(Default)]
struct PageIndex<'p> {
    methods: BTreeMap<&'p str, &'p Page>,
    constructors: BTreeMap<&'p str, &'p Page>,
    types: BTreeMap<&'p str, &'p Page>,
}

impl<'p> PageIndex<'p> {
    fn of_kind(&self, kind: PageKind) -> &BTreeMap<&'p str, &'p Page> {
        match kind {
            PageKind::Method => &self.methods,
            PageKind::Constructor => &self.constructors,
            PageKind::Type => &self.types,
        }
    }

    /// The page of the schema entry `name` of `category`.
    fn for_entry(&self, category: Category, name: &str) -> Option<&'p Page> {
        match category {
            Category::Type => self.constructors.get(name).copied(),
            Category::Function => self.methods.get(name).copied(),
        }
    }
}

impl<'a> Merger<'a> {
    fn page_file(&self, page: &Page) -> String {
        self.docs.join(&page.source).display().to_string()
    }

    /// One page per (kind, name). When two pages claim the same entity (a
    /// copied `users.getUsers2.md` with the same heading), the one whose file
    /// is named after the entity wins, else the first by path; the other is
    /// reported with both paths.
    fn index_pages<'p>(&mut self, pages: &'p [Page]) -> PageIndex<'p> {
        let mut index = PageIndex::default();
        for page in pages {
            let map = match page.kind {
                PageKind::Method => &mut index.methods,
                PageKind::Constructor => &mut index.constructors,
                PageKind::Type => &mut index.types,
            };
            let Some(&kept) = map.get(page.name.as_str()) else {
                map.insert(&page.name, page);
                continue;
            };
            let (kept, ignored) = if named_after(page) && !named_after(kept) {
                map.insert(&page.name, page);
                (page, kept)
            } else {
                (kept, page)
            };
            let what = match page.kind {
                PageKind::Method => "method",
                PageKind::Constructor => "constructor",
                PageKind::Type => "type",
            };
            let message = format!(
                "the page documents {what} {}, as does {}:{}; that page is used and this one is ignored",
                page.name,
                self.page_file(kept),
                kept.line
            );
            let file = self.page_file(ignored);
            self.report(
                Severity::Warning,
                DiagnosticKind::DuplicatePage,
                file,
                Some(ignored.line),
                message,
            );
        }
        index
    }

    fn report(
        &mut self,
        severity: Severity,
        kind: DiagnosticKind,
        file: String,
        line: Option<u32>,
        message: String,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            kind,
            file,
            line,
            message,
        });
    }

    /// Reports a difference at the schema line that defines `entry`.
    fn report_at_entry(
        &mut self,
        severity: Severity,
        kind: DiagnosticKind,
        entry: &Entry<'_>,
        message: String,
    ) {
        self.report(
            severity,
            kind,
            entry.file.to_string(),
            Some(entry.def.line),
            message,
        );
    }

    /// Indexes the schemas by space and by the names the docs use: plain
    /// names, and `name_<layer>` for secret-chat entries that differ from
    /// the main schema.
    ///
    /// Each file's entries go to its space ([`Schema::space`]): a name the
    /// API and the MTProto service schema define for different things
    /// (`message`) is two entries. A service entry identical to an API
    /// entry (old layers carried the service schema) is the API's. Within
    /// a space, when a name is defined twice with different IDs, the
    /// definition the docs page describes is kept (see [`agreement`]); on
    /// a tie, the first.
    fn index_schemas<'s, 'p>(
        &mut self,
        schemas: &'s [Schema],
        pages: &PageIndex<'p>,
    ) -> (BTreeMap<Key, Entry<'s>>, BTreeMap<Key, Entry<'s>>) {
        let mut shown: HashMap<(PageKind, &'p str), Shown<'p>> = HashMap::new();
        let mut constructors: BTreeMap<Key, Entry<'s>> = BTreeMap::new();
        let mut functions: BTreeMap<Key, Entry<'s>> = BTreeMap::new();
        let main: HashSet<(&str, u32)> = schemas
            .iter()
            .flat_map(|s| &s.definitions)
            .filter(|d| d.layer.is_none())
            .map(|d| (d.name.as_str(), d.id()))
            .collect();
        let api: HashSet<(&str, u32)> = schemas
            .iter()
            .filter(|s| s.space() == Space::Api)
            .flat_map(|s| &s.definitions)
            .filter(|d| d.layer.is_none())
            .map(|d| (d.name.as_str(), d.id()))
            .collect();
        for (file_index, schema) in schemas.iter().enumerate() {
            let space = schema.space();
            for def in &schema.definitions {
                let (name, tl_name) = match def.layer {
                    Some(_) if main.contains(&(def.name.as_str(), def.id())) => continue,
                    Some(layer) => (format!("{}_{layer}", def.name), Some(def.name.clone())),
                    None if space != Space::Api && api.contains(&(def.name.as_str(), def.id())) => {
                        continue
                    }
                    None => (def.name.clone(), None),
                };
                let key = (space, name);
                let map = match def.category {
                    Category::Type => &mut constructors,
                    Category::Function => &mut functions,
                };
                let mut agreement_of_new = None;
                if let Some(first) = map.get_mut(&key) {
                    let page = pages
                        .for_entry(def.category, &key.1)
                        .filter(|_| space == Space::Api);
                    let same_id = first.def.id() == def.id();
                    // (this definition's agreement with the page, the kept
                    // one's): the page's params and the kept score are
                    // computed once, however many definitions repeat the name.
                    let scores = match page {
                        Some(page) if !same_id => {
                            let shown = shown
                                .entry((page.kind, page.name.as_str()))
                                .or_insert_with(|| Shown::of(page));
                            let kept = *first
                                .agreement
                                .get_or_insert_with(|| agreement(first.def, shown));
                            Some((agreement(def, shown), kept))
                        }
                        _ => None,
                    };
                    let keep_second = scores.is_some_and(|(new, kept)| new > kept);
                    let (severity, what) = if same_id {
                        (Severity::Note, "repeats the identical entry")
                    } else {
                        (Severity::Warning, "redefines with another ID the entry")
                    };
                    let choice = match (page, scores) {
                        (Some(page), Some((new, kept))) if new > kept => format!(
                            "this one is kept, as the page {} describes it",
                            self.page_file(page)
                        ),
                        (Some(page), Some((new, kept))) if kept > new => format!(
                            "the first one is kept, as the page {} describes it",
                            self.page_file(page)
                        ),
                        _ => "the first one is kept".to_string(),
                    };
                    let name = &key.1;
                    let message = format!(
                        "{name}#{:08x} {what} {name}#{:08x} of {}:{}; {choice}",
                        def.id(),
                        first.def.id(),
                        first.file,
                        first.def.line
                    );
                    self.report(
                        severity,
                        DiagnosticKind::DuplicateDefinition,
                        schema.path.clone(),
                        Some(def.line),
                        message,
                    );
                    if !keep_second {
                        continue;
                    }
                    agreement_of_new = scores.map(|(new, _)| new);
                }
                map.insert(
                    key,
                    Entry {
                        def,
                        file: &schema.path,
                        space,
                        tl_name,
                        file_index,
                        agreement: agreement_of_new,
                    },
                );
            }
        }
        (constructors, functions)
    }

    fn merged_api(&mut self, pages: &PageIndex<'_>, schemas: &[Schema]) -> Api {
        let (constructors, functions) = self.index_schemas(schemas, pages);
        let method_pages = pages.of_kind(PageKind::Method);
        let constructor_pages = pages.of_kind(PageKind::Constructor);
        let type_pages = pages.of_kind(PageKind::Type);

        // The page of an entry: only the API's are documented (the docs
        // tree documents one API layer).
        fn page_of<'p>(key: &Key, pages: &BTreeMap<&str, &'p Page>) -> Option<&'p Page> {
            let (space, name) = key;
            pages.get(name.as_str()).copied().filter(|_| space.is_api())
        }
        // Files none of whose entries has a page are not documented by these
        // docs at all (TL_mtproto_v1.tl): one note says so, and their
        // entries' missing pages are expected.
        let mut documented_files = vec![false; schemas.len()];
        let mut undocumented = vec![(0usize, 0usize); schemas.len()];
        for (key, entry) in constructors.iter().chain(&functions) {
            let pages = if entry.def.category == Category::Type {
                &constructor_pages
            } else {
                &method_pages
            };
            if page_of(key, pages).is_some() {
                documented_files[entry.file_index] = true;
            }
        }

        let mut api = Api::default();
        for (key, entry) in &functions {
            let name = key.1.as_str();
            let page = page_of(key, method_pages);
            let params = self.merge_entry(
                name,
                entry,
                page,
                &documented_files,
                "method",
                "return type",
            );
            if !documented_files[entry.file_index] {
                undocumented[entry.file_index].1 += 1;
            }
            let mut method = method(
                name,
                Some(entry.def.id()),
                params,
                entry.def.result.clone(),
                page,
            );
            method.space = entry.space;
            api.methods.push(method);
        }
        for (key, entry) in &constructors {
            let name = key.1.as_str();
            let page = page_of(key, constructor_pages);
            if name == BUILTIN_VECTOR {
                self.report_at_entry(
                    Severity::Note,
                    DiagnosticKind::MissingPage,
                    entry,
                    "the built-in `vector` is handled by the runtime, not listed in the IR".into(),
                );
                continue;
            }
            let params =
                self.merge_entry(name, entry, page, &documented_files, "constructor", "type");
            if !documented_files[entry.file_index] {
                undocumented[entry.file_index].0 += 1;
            }
            let type_name = entry.def.result.to_string();
            api.constructors.push(Constructor {
                name: name.to_owned(),
                id: Some(entry.def.id()),
                description: page.map(|p| p.description.clone()).unwrap_or_default(),
                params,
                type_name,
                tl_name: entry.tl_name.clone(),
                layer: entry.tl_name.as_ref().and(entry.def.layer),
                source: page.map(|p| p.source.clone()),
                space: entry.space,
            });
        }
        self.report_undocumented_files(schemas, &undocumented);
        self.report_missing_pages(schemas);
        let api_key = |name: &str| (Space::Api, name.to_owned());
        for (name, page) in method_pages
            .iter()
            .filter(|(n, _)| !functions.contains_key(&api_key(n)))
        {
            self.report_page_without_entry(page, name, "method");
        }
        for (name, page) in constructor_pages
            .iter()
            .filter(|(n, _)| !constructors.contains_key(&api_key(n)))
        {
            if *name != BUILTIN_VECTOR {
                self.report_page_without_entry(page, name, "constructor");
            }
        }

        let mut types: BTreeMap<(Space, &str), Vec<String>> = BTreeMap::new();
        for c in &api.constructors {
            types
                .entry((c.space, c.type_name.as_str()))
                .or_default()
                .push(c.name.clone());
        }
        for (name, page) in type_pages {
            if !types.contains_key(&(Space::Api, *name)) {
                self.report_type_page_without_type(page);
            }
        }
        api.types = types
            .into_iter()
            .map(|((space, name), constructors)| {
                let page = type_pages.get(name).copied().filter(|_| space.is_api());
                if let Some(page) = page {
                    self.check_constructor_list(page, &constructors);
                }
                TypeDef {
                    name: name.to_string(),
                    constructors,
                    description: page.map(|p| p.description.clone()).unwrap_or_default(),
                    source: page.map(|p| p.source.clone()),
                    space,
                }
            })
            .collect();
        references::check(&mut api, &constructors, &functions, &mut self.diagnostics);
        api
    }

    /// The params of the schema entry `name` (a `what`: method,
    /// constructor) merged with its page's rows, after the checks every
    /// entry gets: that it has a page, and that the page's `result` heading
    /// (return type, type) says the schema's result.
    fn merge_entry(
        &mut self,
        name: &str,
        entry: &Entry<'_>,
        page: Option<&Page>,
        documented_files: &[bool],
        what: &str,
        result: &str,
    ) -> Vec<Param> {
        if page.is_none() {
            self.page_missing(name, entry, documented_files[entry.file_index], what);
        }
        let params = self.merge_params(name, entry, page);
        if let Some(page) = page {
            self.check_result(page, &entry.def.result, result);
        }
        params
    }

    /// The schema entry `name` has no page: the skipped page that was
    /// meant to be its says so, an entry of a file the docs document is
    /// listed for [`Merger::report_missing_pages`], and one of an
    /// undocumented file is left to that file's note.
    fn page_missing(&mut self, name: &str, entry: &Entry<'_>, file_documented: bool, what: &str) {
        let category = entry.def.category;
        if let Some(skipped) = self.skipped.iter_mut().find(|p| {
            p.entity
                .as_ref()
                .is_some_and(|(c, n)| *c == category && n == name)
        }) {
            skipped.entry = Some(format!(
                "schema {what} {name} ({}:{})",
                entry.file, entry.def.line
            ));
            return;
        }
        if !file_documented {
            // The whole file is undocumented: one note for it
            // ([`Merger::report_undocumented_files`]).
            return;
        }
        self.missing_pages
            .push((format!("{what} {name}"), entry.file_index, entry.def.line));
    }

    /// One warning per documented schema file for its entries without a
    /// page (docs that lag the schema): each is generated from the schema
    /// alone, without docs.
    fn report_missing_pages(&mut self, schemas: &[Schema]) {
        /// How many entries the warning names.
        const NAMED: usize = 10;
        let missing = std::mem::take(&mut self.missing_pages);
        for (file_index, schema) in schemas.iter().enumerate() {
            let mut entries: Vec<&(String, usize, u32)> =
                missing.iter().filter(|m| m.1 == file_index).collect();
            entries.sort_by_key(|m| m.2);
            let message = match entries.as_slice() {
                [] => continue,
                [(what, _, _)] => format!("schema {what} has no page"),
                many => {
                    let named: Vec<String> = many
                        .iter()
                        .take(NAMED)
                        .map(|(what, _, line)| format!("{what} (line {line})"))
                        .collect();
                    let more = match many.len().saturating_sub(NAMED) {
                        0 => String::new(),
                        n => format!(" and {n} more"),
                    };
                    format!(
                        "{} schema entries have no page, each generated from the schema alone, \
                         without docs: {}{more}",
                        many.len(),
                        named.join(", ")
                    )
                }
            };
            self.report(
                Severity::Warning,
                DiagnosticKind::MissingPage,
                schema.path.clone(),
                Some(entries[0].2),
                message,
            );
        }
    }

    /// One note per schema file none of whose entries has a page, counting
    /// what it contributes without docs.
    fn report_undocumented_files(&mut self, schemas: &[Schema], counts: &[(usize, usize)]) {
        for (schema, &(constructors, methods)) in schemas.iter().zip(counts) {
            if constructors + methods == 0 {
                continue;
            }
            let counted: Vec<String> = [(constructors, "constructor"), (methods, "method")]
                .into_iter()
                .filter(|&(n, _)| n > 0)
                .map(|(n, what)| crate::config::report::count(n, what))
                .collect();
            // `docs` is empty for a run on schemas alone.
            let why = if self.docs.as_os_str().is_empty() {
                "no docs tree was given"
            } else {
                "no entry of this schema file is documented by these docs"
            };
            let message = format!(
                "{why}: its {} come from the schema alone{}",
                counted.join(" and "),
                match schema.space() {
                    Space::Mtproto => " (in the `mtproto` namespace)",
                    Space::Api => "",
                }
            );
            self.report(
                Severity::Note,
                DiagnosticKind::MissingPage,
                schema.path.clone(),
                None,
                message,
            );
        }
    }

    /// Whether `page` documents only secret-chat entries (`names`, each with
    /// a layer suffix: `decryptedMessage_8`) while no schema has the
    /// secret-chat layers: then the page is not reported on its own, but
    /// counted for [`Merger::report_missing_secret_schema`].
    fn secret_page<'n>(&mut self, names: impl IntoIterator<Item = &'n str>) -> bool {
        if self.has_secret_layers {
            return false;
        }
        let names: Vec<&str> = names.into_iter().collect();
        match names.first() {
            Some(first) if names.iter().all(|n| has_layer_suffix(n)) => {
                self.secret_pages.push((*first).to_owned());
                true
            }
            _ => false,
        }
    }

    /// One warning for every page of a secret-chat entry found without the
    /// secret-chat schema: it is one missing file, not sixty problems.
    fn report_missing_secret_schema(&mut self) {
        let Some(first) = self.secret_pages.iter().min() else {
            return;
        };
        let message = format!(
            "the secret-chat schema (MadelineProto's TL_secret.tl, with `===N===` layer \
             sections) is missing: {} pages document its entries ({first}, ...), which no \
             schema file defines",
            self.secret_pages.len()
        );
        let file = self.docs.display().to_string();
        self.report(
            Severity::Warning,
            DiagnosticKind::MissingSchemaEntry,
            file,
            None,
            message,
        );
    }

    fn report_page_without_entry(&mut self, page: &Page, name: &str, what: &str) {
        if self.secret_page([name]) {
            return;
        }
        let file = self.page_file(page);
        let message = format!("the page documents {what} {name}, which no schema file defines");
        self.report(
            Severity::Warning,
            DiagnosticKind::MissingSchemaEntry,
            file,
            Some(page.line),
            message,
        );
    }

    fn report_type_page_without_type(&mut self, page: &Page) {
        let file = self.page_file(page);
        let name = &page.name;
        let (severity, message) = if page.irregular {
            (
                Severity::Note,
                format!("pseudo-type page {name} (a primitive or alias, not a TL type)"),
            )
        } else if name == BUILTIN_VECTOR_TYPE || name == "X" {
            (
                Severity::Note,
                format!("page for {name}, a built-in generic type"),
            )
        } else if self.secret_page(page.constructors.iter().map(String::as_str)) {
            return;
        } else {
            (
                Severity::Warning,
                format!("type page {name}: no schema constructor has this type"),
            )
        };
        self.report(
            severity,
            DiagnosticKind::MissingSchemaEntry,
            file,
            Some(page.line),
            message,
        );
    }

    fn check_result(&mut self, page: &Page, schema_result: &TlType, what: &str) {
        let Some(cell) = &page.result else {
            if !page.irregular {
                let file = self.page_file(page);
                self.report(
                    Severity::Warning,
                    DiagnosticKind::IrregularPage,
                    file,
                    Some(page.line),
                    format!("the page shows no {what}; the schema says {schema_result}"),
                );
            }
            return;
        };
        // The page's cell is text: compared with the schema's text, as written.
        if cell.mapped != schema_result.to_string() {
            let file = self.page_file(page);
            let message = format!(
                "the page's {what} [{}] maps to {}, the schema says {schema_result}",
                cell.label, cell.mapped
            );
            self.report(
                Severity::Warning,
                DiagnosticKind::ResultMismatch,
                file,
                Some(page.result_line),
                message,
            );
        }
    }

    fn check_constructor_list(&mut self, page: &Page, schema_list: &[String]) {
        let docs: BTreeSet<&str> = page.constructors.iter().map(String::as_str).collect();
        let schema: BTreeSet<&str> = schema_list.iter().map(String::as_str).collect();
        if docs == schema {
            return;
        }
        if docs.is_empty() {
            // Bool's irregular page, pseudo-type pages for real types
            // (DataJSON) and old PhoneCall's PHP class page list nothing.
            let file = self.page_file(page);
            let message = format!(
                "type page {} lists no constructors; the schema has [{}]",
                page.name,
                schema_list.join(", ")
            );
            self.report(
                Severity::Note,
                DiagnosticKind::IrregularPage,
                file,
                Some(page.line),
                message,
            );
            return;
        }
        let missing: Vec<_> = schema.difference(&docs).copied().collect();
        let extra: Vec<_> = docs.difference(&schema).copied().collect();
        if missing.is_empty() && self.secret_page(extra.iter().copied()) {
            return;
        }
        let file = self.page_file(page);
        let message = format!(
            "constructor list of {} differs from the schema: missing [{}], extra [{}]",
            page.name,
            missing.join(", "),
            extra.join(", ")
        );
        self.report(
            Severity::Warning,
            DiagnosticKind::ConstructorListMismatch,
            file,
            Some(page.line),
            message,
        );
    }

    /// Params in wire order with the docs' rows joined to them by name;
    /// docs-only rows stay where the docs show them.
    fn merge_params(&mut self, name: &str, entry: &Entry<'_>, page: Option<&Page>) -> Vec<Param> {
        let schema_params = &entry.def.params;
        let Some(page) = page else {
            return schema_params
                .iter()
                .map(|p| wire_param(p, None, true))
                .collect();
        };
        let rows = &page.params;
        let row_of: HashMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.as_str(), i))
            .collect();
        let file = self.page_file(page);

        let matched: Vec<usize> = schema_params
            .iter()
            .filter_map(|p| row_of.get(p.name.as_str()).copied())
            .collect();
        if matched.windows(2).any(|w| w[0] > w[1]) {
            let message =
                format!("{name}: the docs list the params in another order than the schema");
            self.report(
                Severity::Warning,
                DiagnosticKind::ParamOrder,
                file.clone(),
                Some(page.line),
                message,
            );
        }

        let mut out = Vec::with_capacity(schema_params.len() + rows.len());
        let mut docs_only = DocsOnlyRows {
            name,
            file: &file,
            rows,
            in_schema: schema_params.iter().map(|p| p.name.as_str()).collect(),
            next: 0,
        };
        for param in schema_params {
            match row_of.get(param.name.as_str()) {
                Some(&row) => {
                    self.flush_docs_only(&mut docs_only, row, &mut out);
                    docs_only.next = docs_only.next.max(row + 1);
                    let docs = &rows[row];
                    self.check_param_type(name, &file, docs, param);
                    out.push(wire_param(param, Some(docs), false));
                }
                None => {
                    self.report_hidden(name, entry, param);
                    out.push(wire_param(param, None, true));
                }
            }
        }
        self.flush_docs_only(&mut docs_only, rows.len(), &mut out);
        out
    }

    /// Adds the docs-only rows of `docs_only` before row `until` to `out`,
    /// each with its diagnostic.
    fn flush_docs_only(
        &mut self,
        docs_only: &mut DocsOnlyRows<'_>,
        until: usize,
        out: &mut Vec<Param>,
    ) {
        let DocsOnlyRows {
            name,
            file,
            rows,
            in_schema,
            next,
        } = docs_only;
        while *next < until {
            let row = &rows[*next];
            *next += 1;
            if in_schema.contains(row.name.as_str()) {
                continue;
            }
            let explained = DOCS_ONLY_PARAMS.contains(&row.name.as_str());
            let severity = Severity::explained(explained);
            let message = format!(
                "{name}: param {} is shown in the docs but is not on the wire{}",
                row.name,
                if explained {
                    " (a MadelineProto convenience parameter)"
                } else {
                    ""
                }
            );
            self.report(
                severity,
                DiagnosticKind::DocsOnlyParam,
                file.to_string(),
                Some(row.line),
                message,
            );
            out.push(docs_param(row, true));
        }
    }

    fn report_hidden(&mut self, name: &str, entry: &Entry<'_>, param: &SchemaParam) {
        let explained = param.ty == TlType::Flags || HIDDEN_PARAMS.contains(&param.name.as_str());
        let severity = Severity::explained(explained);
        let message = format!(
            "{name}: wire param {}:{} is not shown in the docs{}",
            param.name,
            param.ty,
            if explained {
                " (MadelineProto fills it in)"
            } else {
                ""
            }
        );
        self.report_at_entry(severity, DiagnosticKind::HiddenParam, entry, message);
    }

    fn check_param_type(&mut self, name: &str, file: &str, docs: &PageParam, param: &SchemaParam) {
        let cell = &docs.ty;
        let schema_ty = param.ty.to_string();
        if cell.mapped == schema_ty
            || (cell.label == "Bool" && !cell.array && param.ty == TlType::True)
        {
            return;
        }
        let (severity, kind, why) = match explain_type_difference(&docs.name, cell, &schema_ty) {
            Some(why) => (Severity::Note, DiagnosticKind::TypeAlias, why),
            None => (Severity::Warning, DiagnosticKind::TypeMismatch, ""),
        };
        let shown = if cell.array {
            format!("Array of {}", cell.label)
        } else {
            cell.label.clone()
        };
        let message = format!(
            "{name}: param {} is shown as [{shown}] (maps to {}), the schema says {}{}{why}",
            docs.name,
            cell.mapped,
            param.ty,
            if why.is_empty() { "" } else { ": " },
        );
        self.report(severity, kind, file.to_string(), Some(docs.line), message);
    }

    /// Without a schema: everything the docs say, and no IDs.
    fn docs_only_api(&mut self, pages: &PageIndex<'_>) -> Api {
        let mut api = Api::default();
        let pages = pages
            .methods
            .values()
            .chain(pages.constructors.values())
            .chain(pages.types.values());
        for page in pages {
            let params: Vec<Param> = page
                .params
                .iter()
                .map(|row| docs_param(row, false))
                .collect();
            let result = page
                .result
                .as_ref()
                .map(|c| c.mapped.clone())
                .unwrap_or_default();
            match page.kind {
                PageKind::Method => {
                    api.methods.push(method(
                        &page.name,
                        None,
                        params,
                        TlType::parse(&result),
                        Some(page),
                    ));
                }
                PageKind::Constructor => api.constructors.push(Constructor {
                    name: page.name.clone(),
                    id: None,
                    description: page.description.clone(),
                    params,
                    type_name: result,
                    tl_name: None,
                    layer: None,
                    source: Some(page.source.clone()),
                    space: crate::ir::Space::Api,
                }),
                PageKind::Type if !page.irregular || !page.constructors.is_empty() => {
                    let mut constructors = page.constructors.clone();
                    constructors.sort();
                    api.types.push(TypeDef {
                        name: page.name.clone(),
                        constructors,
                        description: page.description.clone(),
                        source: Some(page.source.clone()),
                        space: crate::ir::Space::Api,
                    })
                }
                PageKind::Type => {}
            }
        }
        api.methods.sort_by(|a, b| a.name.cmp(&b.name));
        api.constructors.sort_by(|a, b| a.name.cmp(&b.name));
        api.types.sort_by(|a, b| a.name.cmp(&b.name));
        api
    }
}

/// Whether the page's file is named after the entity it documents
/// (`methods/users.getUsers.md` for `users.getUsers`).
fn named_after(page: &Page) -> bool {
    let file = page.source.rsplit('/').next().unwrap_or(&page.source);
    file.strip_suffix(".md") == Some(page.name.as_str())
}

/// What a page shows of its entry, as [`agreement`] compares it.
struct Shown<'p> {
    /// The names of the params it lists.
    params: HashSet<&'p str>,
    /// Its result type, as the schema would write it.
    result: Option<&'p str>,
}

impl<'p> Shown<'p> {
    fn of(page: &'p Page) -> Self {
        Shown {
            params: page.params.iter().map(|p| p.name.as_str()).collect(),
            result: page.result.as_ref().map(|cell| cell.mapped.as_str()),
        }
    }
}

/// How well a schema definition matches what its page shows: params named on
/// both sides and the same result count for it, params on one side only
/// against it. Used to pick between two definitions of one name; the cost is
/// the definition's size, the page's being paid once in [`Shown::of`].
fn agreement(def: &Definition, shown: &Shown<'_>) -> i64 {
    let wire: HashSet<&str> = def.params.iter().map(|p| p.name.as_str()).collect();
    let both = wire.iter().filter(|n| shown.params.contains(*n)).count();
    let only_docs = (shown.params.len() - both) as i64;
    let flags_words = def.flags_words();
    let only_wire = def
        .params
        .iter()
        .filter(|p| {
            !flags_words.contains(&p.name, &p.ty) && !shown.params.contains(p.name.as_str())
        })
        .count() as i64;
    let written = def.result.to_string();
    let result = (shown.result == Some(written.as_str())) as i64;
    both as i64 + result - only_docs - only_wire
}

/// Pseudo-params that MadelineProto shows but that are not on the wire
/// (docs/FORMATS-NOTES.md, "Required column").
const DOCS_ONLY_PARAMS: &[&str] = &["parse_mode", "decrypted_message", "inflated"];

/// Wire params MadelineProto fills in itself and so never shows
/// (docs/FORMATS-NOTES.md, "Required column"): random IDs, plain `flags:int`, and the encrypted payload and key
/// material of secret-chat constructors.
const HIDDEN_PARAMS: &[&str] = &["random_id", "flags", "random_bytes", "bytes", "key", "iv"];

/// Explains a Type cell that differs from the schema's type, when it is one of
/// MadelineProto's documented display conventions (docs/FORMATS-NOTES.md, "Type cells").
fn explain_type_difference(name: &str, cell: &TypeCell, schema_ty: &str) -> Option<&'static str> {
    let label = cell.label.as_str();
    let alias = label.contains(" or ");
    match schema_ty {
        "int" | "long" if alias && name.ends_with("chat_id") => {
            Some("a peer alias on a plain chat ID")
        }
        "int" if name == "hash" && cell.array && label == "int" => {
            Some("`Array of int` shown for a scalar hash")
        }
        "int" | "long" if label == "long|string" => Some("`long|string` shown for a scalar hash"),
        "Peer" if label == "long" && name == "peer" => Some("a peer shown as a bot API ID"),
        "bytes" if label == "string" => Some("bytes shown as string"),
        "long" if label == "strlong" => Some("`strlong` pseudo-type"),
        "bytes" if label == "waveform" => Some("`waveform` pseudo-type"),
        _ if cell.array && schema_ty == format!("vector<{label}>") => {
            Some("a bare vector shown as `Array of`")
        }
        _ => None,
    }
}

/// A wire param, decorated with its docs row if there is one.
fn wire_param(param: &SchemaParam, docs: Option<&PageParam>, hidden: bool) -> Param {
    Param {
        name: param.name.clone(),
        ty: param.ty.clone(),
        flag: param.flag.clone(),
        description: docs.map(|d| d.description.clone()).unwrap_or_default(),
        docs_only: false,
        hidden,
        required: docs.and_then(|d| d.required),
        docs_type: docs.map(|d| shown_type(&d.ty)),
    }
}

/// A param known only from the docs.
fn docs_param(row: &PageParam, docs_only: bool) -> Param {
    Param {
        name: row.name.clone(),
        ty: TlType::parse(&row.ty.mapped),
        flag: None,
        description: row.description.clone(),
        docs_only,
        hidden: false,
        required: row.required,
        docs_type: Some(shown_type(&row.ty)),
    }
}

fn shown_type(cell: &TypeCell) -> String {
    if cell.array {
        format!("Array of {}", cell.label)
    } else {
        cell.label.clone()
    }
}

fn method(
    name: &str,
    id: Option<u32>,
    params: Vec<Param>,
    returns: TlType,
    page: Option<&Page>,
) -> Method {
    Method {
        name: name.to_string(),
        id,
        description: page.map(|p| p.description.clone()).unwrap_or_default(),
        params,
        returns,
        bots: page.and_then(|p| p.bots),
        users: page.and_then(|p| p.users),
        business: page.and_then(|p| p.business),
        errors: page.map(error_entries).unwrap_or_default(),
        errors_source: None,
        source: page.map(|p| p.source.clone()),
        space: crate::ir::Space::Api,
    }
}

/// The IR form of a page's `### Errors` table (its own, or one an older
/// tree gives through [`error_tables`]).
fn error_entries(page: &Page) -> Vec<ErrorEntry> {
    page.errors
        .iter()
        .map(|e| ErrorEntry {
            code: e.code,
            name: e.name.clone(),
            description: e.description.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
