//! Generated Rust, parsed: tests check the items a tree declares, the
//! traits they derive, the features their attributes test and the names
//! their code uses, not substrings of the text (which doc comments, layout
//! or a longer name would satisfy).

use std::collections::BTreeSet;
use std::path::Path;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{Attribute, Item, Meta, Token};

/// For the checks no helper here covers.
pub use {quote, syn};

/// The files of a generated tree, each parsed with syn.
pub struct Parsed {
    files: Vec<(String, syn::File)>,
}

/// `derive(...)` on one item, directly or under `cfg_attr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derive {
    /// The item's name.
    pub item: String,
    /// The derived traits as written (`Clone`, `serde::Serialize`).
    pub traits: Vec<String>,
    /// The `cfg_attr` predicate it stands under (`feature = "json"`), if any.
    pub cfg: Option<String>,
}

/// One named field of a struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Whether it is `pub`.
    pub public: bool,
    /// Its type's tokens, one space apart (`Option < i32 >`).
    pub ty: String,
}

/// One `impl` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Impl {
    /// The trait as written (`serde::Serialize`), `None` for an inherent impl.
    pub trait_: Option<String>,
    /// The type (`GetConfig`).
    pub self_ty: String,
    /// The predicate of its `#[cfg(...)]` (`feature = "json"`), if any.
    pub cfg: Option<String>,
}

/// One macro invocation in item position (`tlgen_runtime::tl_boxed!(...)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroCall {
    /// The macro's path as written, `!` left out (`tlgen_runtime::tl_boxed`).
    pub path: String,
    /// Its tokens, one space apart (`fn [no_de] GetConfig = 0xc4f9186b`).
    pub tokens: String,
}

/// Parses `text` as a Rust file; a syntax error fails the test, naming `name`.
pub fn parse(name: &str, text: &str) -> syn::File {
    syn::parse_file(text).unwrap_or_else(|e| panic!("{name} is not Rust: {e}"))
}

impl Parsed {
    /// Parses each `(name, text)`.
    pub fn new<N: AsRef<str>, T: AsRef<str>>(files: impl IntoIterator<Item = (N, T)>) -> Parsed {
        let files = files
            .into_iter()
            .map(|(name, text)| {
                let name = name.as_ref().to_owned();
                let file = parse(&name, text.as_ref());
                (name, file)
            })
            .collect();
        Parsed { files }
    }

    /// Parses every `.rs` file under `dir`, recursively, but those named in
    /// `other` (paths under `dir`: files that are not items, such as an
    /// expression for `include!`).
    pub fn dir(dir: &Path, other: &[&str]) -> Parsed {
        let mut files = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(at) = pending.pop() {
            for entry in std::fs::read_dir(&at).unwrap_or_else(|e| panic!("{}: {e}", at.display()))
            {
                let path = entry.expect("directory entry").path();
                let rel = path.strip_prefix(dir).expect("under dir");
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|x| x == "rs")
                    && !other.iter().any(|o| rel == Path::new(o))
                {
                    let text = std::fs::read_to_string(&path).expect("generated file");
                    files.push((rel.display().to_string(), text));
                }
            }
        }
        files.sort();
        Parsed::new(files)
    }

    /// The file named `name`.
    pub fn file(&self, name: &str) -> &syn::File {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f)
            .unwrap_or_else(|| panic!("no file {name}"))
    }

    /// Every item, those of inline modules included.
    pub fn items(&self) -> Vec<&Item> {
        let mut out = Vec::new();
        for (_, file) in &self.files {
            collect_items(&file.items, &mut out);
        }
        out
    }

    /// The struct named `name`, if one is declared.
    pub fn find_struct(&self, name: &str) -> Option<&syn::ItemStruct> {
        self.items().into_iter().find_map(|item| match item {
            Item::Struct(s) if s.ident == name => Some(s),
            _ => None,
        })
    }

    /// The enum named `name`, if one is declared.
    pub fn find_enum(&self, name: &str) -> Option<&syn::ItemEnum> {
        self.items().into_iter().find_map(|item| match item {
            Item::Enum(e) if e.ident == name => Some(e),
            _ => None,
        })
    }

    /// Whether a `pub struct name` is declared.
    pub fn has_pub_struct(&self, name: &str) -> bool {
        self.find_struct(name).is_some_and(|s| is_pub(&s.vis))
    }

    /// Whether a `pub enum name` is declared.
    pub fn has_pub_enum(&self, name: &str) -> bool {
        self.find_enum(name).is_some_and(|e| is_pub(&e.vis))
    }

    /// The field `field` of the struct `name`, if both exist.
    pub fn struct_field(&self, name: &str, field: &str) -> Option<Field> {
        let fields = &self.find_struct(name)?.fields;
        fields
            .iter()
            .find(|f| f.ident.as_ref().is_some_and(|i| i == field))
            .map(|f| Field {
                public: is_pub(&f.vis),
                ty: f.ty.to_token_stream().to_string(),
            })
    }

    /// The variants without fields of the enum `name` (which must exist).
    pub fn unit_variants(&self, name: &str) -> Vec<String> {
        let e = self
            .find_enum(name)
            .unwrap_or_else(|| panic!("no enum {name}"));
        e.variants
            .iter()
            .filter(|v| v.fields.is_empty())
            .map(|v| v.ident.to_string())
            .collect()
    }

    /// Whether a `pub mod name;` (a module in its own file) is declared.
    pub fn has_pub_mod_file(&self, name: &str) -> bool {
        self.items().into_iter().any(|item| {
            matches!(item, Item::Mod(m) if m.ident == name && is_pub(&m.vis) && m.content.is_none())
        })
    }

    /// The names of the structs declared.
    pub fn struct_names(&self) -> Vec<String> {
        self.items()
            .into_iter()
            .filter_map(|item| match item {
                Item::Struct(s) => Some(s.ident.to_string()),
                _ => None,
            })
            .collect()
    }

    /// Every `derive` on a struct or enum.
    pub fn derives(&self) -> Vec<Derive> {
        let mut out = Vec::new();
        for item in self.items() {
            let (name, attrs) = match item {
                Item::Struct(s) => (&s.ident, &s.attrs),
                Item::Enum(e) => (&e.ident, &e.attrs),
                _ => continue,
            };
            for attr in attrs {
                derives_of(attr, None, &mut |traits, cfg| {
                    out.push(Derive {
                        item: name.to_string(),
                        traits,
                        cfg,
                    })
                });
            }
        }
        out
    }

    /// Every `impl` block.
    pub fn impls(&self) -> Vec<Impl> {
        self.items()
            .into_iter()
            .filter_map(|item| match item {
                Item::Impl(i) => Some(Impl {
                    trait_: i.trait_.as_ref().map(|(_, path, _)| path_text(path)),
                    self_ty: i.self_ty.to_token_stream().to_string(),
                    cfg: i.attrs.iter().find_map(cfg_predicate),
                }),
                _ => None,
            })
            .collect()
    }

    /// Every `mod` declaration or inline module: its name and the predicate
    /// of its `#[cfg(...)]`, if any.
    pub fn mods(&self) -> Vec<(String, Option<String>)> {
        self.items()
            .into_iter()
            .filter_map(|item| match item {
                Item::Mod(m) => Some((m.ident.to_string(), m.attrs.iter().find_map(cfg_predicate))),
                _ => None,
            })
            .collect()
    }

    /// Every macro invocation in item position whose path ends in `name`.
    pub fn macro_calls(&self, name: &str) -> Vec<MacroCall> {
        self.items()
            .into_iter()
            .filter_map(|item| match item {
                Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == name) => {
                    Some(MacroCall {
                        path: path_text(&m.mac.path),
                        tokens: m.mac.tokens.to_string(),
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// Every identifier the code uses (doc comments are literals, not code).
    pub fn idents(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (_, file) in &self.files {
            out.extend(idents(file.to_token_stream()));
        }
        out
    }

    /// How many calls `receiver.method(...)` the code makes.
    pub fn method_calls(&self, receiver: &str, method: &str) -> usize {
        let mut count = 0;
        for (_, file) in &self.files {
            walk_tokens(file.to_token_stream(), &mut |trees| {
                if let [TokenTree::Ident(r), TokenTree::Punct(dot), TokenTree::Ident(m), TokenTree::Group(args), ..] =
                    trees
                {
                    if r == receiver
                        && dot.as_char() == '.'
                        && m == method
                        && args.delimiter() == proc_macro2::Delimiter::Parenthesis
                    {
                        count += 1;
                    }
                }
            });
        }
        count
    }

    /// Every feature a `feature = "name"` in the code tests.
    pub fn features(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (_, file) in &self.files {
            walk_tokens(file.to_token_stream(), &mut |trees| {
                if let [TokenTree::Ident(key), TokenTree::Punct(eq), TokenTree::Literal(value), ..] =
                    trees
                {
                    if key == "feature" && eq.as_char() == '=' {
                        let value = value.to_string();
                        out.insert(value.trim_matches('"').to_owned());
                    }
                }
            });
        }
        out
    }
}

/// Every identifier in `tokens`, groups entered.
pub fn idents(tokens: TokenStream) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk_tokens(tokens, &mut |trees| {
        if let TokenTree::Ident(ident) = &trees[0] {
            out.insert(ident.to_string());
        }
    });
    out
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn collect_items<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
    for item in items {
        out.push(item);
        if let Item::Mod(syn::ItemMod {
            content: Some((_, inner)),
            ..
        }) = item
        {
            collect_items(inner, out);
        }
    }
}

/// Calls `found` with the traits of a `derive` in `attr`, directly or inside
/// `cfg_attr` (with its predicate).
fn derives_of(
    attr: &Attribute,
    cfg: Option<String>,
    found: &mut impl FnMut(Vec<String>, Option<String>),
) {
    if attr.path().is_ident("derive") {
        let traits = attr
            .parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
            .expect("derive(...) lists paths");
        found(traits.iter().map(path_text).collect(), cfg);
    } else if attr.path().is_ident("cfg_attr") {
        let metas = attr
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .expect("cfg_attr(predicate, attributes)");
        let mut metas = metas.into_iter();
        let predicate = metas
            .next()
            .expect("a predicate")
            .to_token_stream()
            .to_string();
        for meta in metas {
            if let Meta::List(list) = meta {
                if list.path.is_ident("derive") {
                    let traits = list
                        .parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                        .expect("derive(...) lists paths");
                    found(
                        traits.iter().map(path_text).collect(),
                        Some(predicate.clone()),
                    );
                }
            }
        }
    }
}

/// The predicate of a `#[cfg(...)]`.
fn cfg_predicate(attr: &Attribute) -> Option<String> {
    match &attr.meta {
        Meta::List(list) if list.path.is_ident("cfg") => Some(list.tokens.to_string()),
        _ => None,
    }
}

/// `a::b::C` as written, without a leading `::`.
fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// Calls `visit` with every suffix of every token sequence, groups entered.
fn walk_tokens(tokens: TokenStream, visit: &mut impl FnMut(&[TokenTree])) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for at in 0..trees.len() {
        visit(&trees[at..]);
        if let TokenTree::Group(group) = &trees[at] {
            walk_tokens(group.stream(), visit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREE: &str = r#"
/// Mentions serde, tlgen_runtime and `feature = "docs"` in prose only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize), serde(tag = "_"))]
pub struct Send {
    pub reply_to: Option<i32>,
    text: String,
}
#[derive(Clone, Copy, Hash)]
pub enum Kind { A, B(u8), C {} }
pub mod types;
mod inner {
    struct Hidden;
    tlgen_runtime::tl_boxed!(fn[no_de] Send = 0x01020304);
}
#[cfg(feature = "json")]
impl serde::Serialize for Kind {}
impl Eq for Send {}
fn f(v: V) { v.visit(1); v.visit(2); w.visit(3); v.visit; }
"#;

    fn tree() -> Parsed {
        Parsed::new([("lib.rs", TREE)])
    }

    #[test]
    fn items_of_inline_modules_are_found() {
        let tree = tree();
        assert!(tree.has_pub_struct("Send") && tree.has_pub_enum("Kind"));
        assert!(tree.find_struct("Hidden").is_some() && !tree.has_pub_struct("Hidden"));
        assert!(tree.find_struct("Kind").is_none() && tree.find_enum("Send").is_none());
        assert!(tree.has_pub_mod_file("types") && !tree.has_pub_mod_file("inner"));
        assert_eq!(tree.struct_names(), ["Send", "Hidden"]);
        assert_eq!(tree.unit_variants("Kind"), ["A", "C"]);
        let field = |name| tree.struct_field("Send", name);
        assert_eq!(
            field("reply_to"),
            Some(Field {
                public: true,
                ty: "Option < i32 >".into()
            })
        );
        assert_eq!(field("text").map(|f| f.public), Some(false));
        assert_eq!(field("nope"), None);
    }

    #[test]
    fn derives_direct_and_under_cfg_attr() {
        let derives = tree().derives();
        let seen: Vec<(&str, Vec<&str>, Option<&str>)> = derives
            .iter()
            .map(|d| {
                let traits = d.traits.iter().map(String::as_str).collect();
                (d.item.as_str(), traits, d.cfg.as_deref())
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "Send",
                    vec!["Debug", "Clone", "PartialEq", "Eq", "Hash"],
                    None
                ),
                (
                    "Send",
                    vec!["serde::Serialize", "serde::Deserialize"],
                    Some(r#"feature = "json""#)
                ),
                ("Kind", vec!["Clone", "Copy", "Hash"], None),
            ]
        );
    }

    #[test]
    fn code_not_prose() {
        let tree = tree();
        let idents = tree.idents();
        assert!(idents.contains("serde") && idents.contains("tlgen_runtime"));
        assert!(!idents.contains("prose") && !idents.contains("Mentions"));
        // `feature = "docs"` stands in a doc comment only.
        assert_eq!(tree.features(), BTreeSet::from(["json".to_owned()]));
        assert_eq!(tree.method_calls("v", "visit"), 2);
        let calls = tree.macro_calls("tl_boxed");
        assert_eq!(
            calls,
            [MacroCall {
                path: "tlgen_runtime::tl_boxed".into(),
                tokens: "fn [no_de] Send = 0x01020304".into()
            }]
        );
        let impls = tree.impls();
        assert_eq!(
            impls,
            [
                Impl {
                    trait_: Some("serde::Serialize".into()),
                    self_ty: "Kind".into(),
                    cfg: Some(r#"feature = "json""#.into())
                },
                Impl {
                    trait_: Some("Eq".into()),
                    self_ty: "Send".into(),
                    cfg: None
                },
            ]
        );
    }

    #[test]
    #[should_panic(expected = "broken.rs is not Rust")]
    fn a_syntax_error_names_the_file() {
        Parsed::new([("broken.rs", "pub struct {")]);
    }
}
