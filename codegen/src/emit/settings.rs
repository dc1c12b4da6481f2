//! The settings that decide what the generated code asks of the crate that
//! includes it: which optional parts exist and under which cargo feature
//! ([`Gate`]), and the path the runtime crate is reached by. Generated code
//! never tests a feature its includer did not choose, so a crate that turns
//! nothing on declares nothing (no `unexpected_cfgs` warnings).

use std::fmt;
use std::str::FromStr;

use proc_macro2::TokenStream;
use quote::quote;

use super::{EmitError, Options};

/// The runtime's path when none is set: the `tlgen-runtime` crate under its
/// own name.
pub const DEFAULT_RUNTIME_PATH: &str = "tlgen_runtime";

/// Whether an optional part of the generated code exists, and when it
/// compiles, as prost-build and progenitor make such parts settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Gate {
    /// Not generated: the including crate needs nothing for it.
    #[default]
    Off,
    /// Generated and always compiled: the including crate has what it needs
    /// (for serde, a `serde` dependency with `derive`).
    On,
    /// Generated behind `#[cfg(feature = "<name>")]`: compiled when the
    /// including crate enables its cargo feature of that name, which it must
    /// declare (and make pull in what the part needs).
    Feature(String),
}

impl Gate {
    /// [`Gate::Feature`] with the feature `name`.
    pub fn feature(name: impl Into<String>) -> Gate {
        Gate::Feature(name.into())
    }

    /// Whether the part is generated at all.
    pub fn is_generated(&self) -> bool {
        *self != Gate::Off
    }

    /// The attributes `attrs` as this gate applies them: none, each as it
    /// is, or all under one `cfg_attr`.
    pub(super) fn attrs(&self, attrs: &[TokenStream]) -> TokenStream {
        match self {
            Gate::Off => TokenStream::new(),
            Gate::On => quote!(#(#[#attrs])*),
            Gate::Feature(name) => quote!(#[cfg_attr(feature = #name, #(#attrs),*)]),
        }
    }

    /// What precedes an item of the part: `None` when there is no such item,
    /// else its `#[cfg(...)]` (empty when always compiled).
    pub(super) fn item_cfg(&self) -> Option<TokenStream> {
        match self {
            Gate::Off => None,
            Gate::On => Some(TokenStream::new()),
            Gate::Feature(name) => Some(quote!(#[cfg(feature = #name)])),
        }
    }

    /// The condition as a parenthesized `cfg` predicate, for the runtime's
    /// macros: `(all())` is always true, `(any())` never.
    pub(super) fn predicate(&self) -> TokenStream {
        match self {
            Gate::Off => quote!((any())),
            Gate::On => quote!((all())),
            Gate::Feature(name) => quote!((feature = #name)),
        }
    }
}

/// `off`, `on`, `feature:NAME`: the form [`Gate`] parses from.
impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gate::Off => f.write_str("off"),
            Gate::On => f.write_str("on"),
            Gate::Feature(name) => write!(f, "feature:{name}"),
        }
    }
}

/// `off`, `on` or `feature:NAME` (the command line's form).
impl FromStr for Gate {
    type Err = String;

    fn from_str(s: &str) -> Result<Gate, String> {
        match s {
            "off" => Ok(Gate::Off),
            "on" => Ok(Gate::On),
            _ => match s.strip_prefix("feature:") {
                Some(name) => {
                    check_feature_name(name)?;
                    Ok(Gate::Feature(name.to_owned()))
                }
                None => Err(format!(
                    "`{s}`: expected `off`, `on` or `feature:NAME` (a cargo feature of the \
                     including crate)"
                )),
            },
        }
    }
}

/// A cargo feature name: letters, digits, `_`, `-`, `+` and `.`, starting
/// with a letter, a digit or `_` (what cargo accepts, in ASCII).
fn check_feature_name(name: &str) -> Result<(), String> {
    let first = name.chars().next();
    if !first.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(match first {
            None => "an empty feature name".to_owned(),
            Some(_) => format!(
                "`{name}` is not a cargo feature name: it must start with a letter, a digit or `_`"
            ),
        });
    }
    match name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || "_-+.".contains(c)))
    {
        Some(c) => Err(format!(
            "`{name}` is not a cargo feature name: `{c}` is not allowed (letters, digits, `_`, `-`, `+`, `.`)"
        )),
        None => Ok(()),
    }
}

/// Checks the settings of `options` before anything is read or generated.
pub(super) fn check(options: &Options) -> Result<(), EmitError> {
    if let Some(path) = &options.root_path {
        super::names::check_root_path(path).map_err(|message| EmitError::RootPath {
            path: path.clone(),
            message,
        })?;
    }
    super::names::check_runtime_path(&options.runtime_path).map_err(|message| {
        EmitError::RuntimePath {
            path: options.runtime_path.clone(),
            message,
        }
    })?;
    for (setting, gate) in [
        ("serde", &options.serde),
        (
            "deserializable_functions",
            &options.deserializable_functions,
        ),
        ("hash", &options.hash),
        ("sample_values", &options.sample_values),
        ("borrowed", &options.borrowed),
    ] {
        if let Gate::Feature(name) = gate {
            check_feature_name(name).map_err(|message| EmitError::Setting { setting, message })?;
        }
    }
    // The samples' visitor decodes every method, so it needs their
    // `Deserialize` wherever it compiles.
    let de = &options.deserializable_functions;
    let uncovered = match (&options.sample_values, de) {
        (Gate::Off, _) | (_, Gate::On) => false,
        // Whether the one feature enables the other is the including
        // crate's to declare (the setting's docs say so).
        (Gate::Feature(_), Gate::Feature(_)) => false,
        (Gate::On, _) | (Gate::Feature(_), Gate::Off) => true,
    };
    if uncovered {
        return Err(EmitError::Setting {
            setting: "sample_values",
            message: format!(
                "the samples decode every method, so they need deserializable_functions \
                 wherever they compile; it is {de}"
            ),
        });
    }
    Ok(())
}

/// The `Cargo.toml` lines the crate that includes a tree generated with
/// `options` needs besides its `tlgen-runtime` dependency: serde where serde
/// is generated, and a `[features]` entry for every [`Gate::Feature`] (the
/// samples' entry enabling methods' `Deserialize`, which they need). `None`
/// when the tree needs nothing more.
pub(crate) fn cargo_toml_lines(options: &Options) -> Option<String> {
    // The runtime's serde feature, through the name the crate depends on it
    // by: a renamed dependency is named as the path names it; a re-export
    // belongs to the crate that re-exports it.
    let runtime = &options.runtime_path;
    let runtime_dependency = if runtime == DEFAULT_RUNTIME_PATH {
        Some("tlgen-runtime")
    } else if !runtime.contains("::") {
        Some(runtime.as_str())
    } else {
        None
    };
    let mut features: Vec<(String, Vec<String>)> = Vec::new();
    let mut feature =
        |name: &str, needs: Vec<String>| match features.iter_mut().find(|(n, _)| n == name) {
            Some((_, list)) => {
                for need in needs {
                    if !list.contains(&need) {
                        list.push(need);
                    }
                }
            }
            None => features.push((name.to_owned(), needs)),
        };
    // Tables of their own (`[dependencies.serde]`), so that the lines can be
    // appended to a `Cargo.toml` that has a `[dependencies]` table.
    let mut dependencies = Vec::new();
    if options.serde.is_generated() {
        dependencies
            .push("[dependencies.serde]\nversion = \"1\"\nfeatures = [\"derive\"]".to_owned());
        if matches!(options.serde, Gate::Feature(_)) {
            dependencies.push("optional = true".to_owned());
        }
        match (&options.serde, runtime_dependency) {
            (Gate::Feature(name), Some(dependency)) => feature(
                name,
                vec!["dep:serde".into(), format!("{dependency}/serde")],
            ),
            (Gate::Feature(name), None) => feature(name, vec!["dep:serde".into()]),
            (_, Some(dependency)) => dependencies.push(format!(
                r#"# and `features = ["serde"]` in the {dependency} dependency"#
            )),
            (_, None) => {}
        }
        if runtime_dependency.is_none() {
            dependencies.push(format!(
                "# and the serde feature of the crate that re-exports the runtime as `{runtime}`"
            ));
        }
    }
    for gate in [
        &options.deserializable_functions,
        &options.hash,
        &options.borrowed,
    ] {
        if let Gate::Feature(name) = gate {
            feature(name, Vec::new());
        }
    }
    if let Gate::Feature(name) = &options.sample_values {
        let needs = match &options.deserializable_functions {
            Gate::Feature(de) if de != name => vec![de.clone()],
            _ => Vec::new(),
        };
        feature(name, needs);
    }
    let mut text = String::new();
    for line in &dependencies {
        text.push_str(line);
        text.push('\n');
    }
    if !features.is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str("[features]\n");
        for (name, needs) in &features {
            let needs: Vec<String> = needs.iter().map(|n| format!("{n:?}")).collect();
            text.push_str(&format!("{name} = [{}]\n", needs.join(", ")));
        }
    }
    (!text.is_empty()).then(|| text.trim_end().to_owned())
}

/// The runtime crate's path as generated code writes it, parsed once per
/// tree.
pub(super) struct Runtime {
    /// As set (`tlgen_runtime`, `rt`, `crate::rt`): `#rt::Serialize`.
    pub path: TokenStream,
    /// The same where a path must not be taken for a module in scope: a crate
    /// name gets a leading `::` (`::tlgen_runtime`), a `crate::` path stays.
    pub absolute: TokenStream,
    /// As set, for paths inside string literals (`#[serde(with = "...")]`)
    /// and docs.
    pub text: String,
    /// [`Runtime::absolute`] as text, for lines written as text.
    pub absolute_text: String,
}

impl Runtime {
    /// The tokens of `path`, checked by [`check`].
    pub(super) fn new(path: &str) -> Runtime {
        let tokens: TokenStream = path.parse().expect("checked runtime path");
        let (absolute, absolute_text) = if path.starts_with("::") || path.starts_with("crate::") {
            (tokens.clone(), path.to_owned())
        } else {
            (quote!(::#tokens), format!("::{path}"))
        };
        Runtime {
            path: tokens,
            absolute,
            text: path.to_owned(),
            absolute_text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_parse_and_print_the_same_form() {
        for (text, gate) in [
            ("off", Gate::Off),
            ("on", Gate::On),
            ("feature:serde", Gate::feature("serde")),
            ("feature:my-json_2", Gate::feature("my-json_2")),
        ] {
            assert_eq!(text.parse::<Gate>(), Ok(gate.clone()), "{text}");
            assert_eq!(gate.to_string(), text);
        }
        let err = |s: &str| s.parse::<Gate>().unwrap_err();
        assert!(err("yes").starts_with("`yes`: expected `off`, `on` or `feature:NAME`"));
        assert_eq!(err("feature:"), "an empty feature name");
        assert!(err("feature:a b").contains("` ` is not allowed"));
        assert!(err("feature:-x").contains("must start with"));
    }

    #[test]
    fn gates_apply_attributes_and_items() {
        let attrs = [quote!(derive(serde::Serialize)), quote!(serde(tag = "_"))];
        let show = |t: TokenStream| t.to_string();
        assert_eq!(show(Gate::Off.attrs(&attrs)), "");
        assert_eq!(
            show(Gate::On.attrs(&attrs)),
            show(quote!(#[derive(serde::Serialize)] #[serde(tag = "_")]))
        );
        assert_eq!(
            show(Gate::feature("json").attrs(&attrs)),
            show(quote!(#[cfg_attr(feature = "json", derive(serde::Serialize), serde(tag = "_"))]))
        );
        assert!(Gate::Off.item_cfg().is_none());
        assert!(Gate::On.item_cfg().is_some_and(|t| t.is_empty()));
        assert_eq!(
            Gate::feature("x").item_cfg().map(show),
            Some(show(quote!(#[cfg(feature = "x")])))
        );
    }

    #[test]
    fn the_cargo_toml_lines_declare_every_feature_the_tree_tests() {
        let off = Options {
            serde: Gate::Off,
            deserializable_functions: Gate::Off,
            ..Options::default()
        };
        assert_eq!(cargo_toml_lines(&off), None, "nothing but the runtime");
        let json = Options {
            serde: Gate::feature("json"),
            ..off.clone()
        };
        assert_eq!(
            cargo_toml_lines(&json).as_deref(),
            Some(
                "[dependencies.serde]\n\
                 version = \"1\"\n\
                 features = [\"derive\"]\n\
                 optional = true\n\
                 \n\
                 [features]\n\
                 json = [\"dep:serde\", \"tlgen-runtime/serde\"]"
            )
        );
        let all = Options {
            serde: Gate::On,
            deserializable_functions: Gate::feature("server"),
            hash: Gate::feature("hashing"),
            sample_values: Gate::feature("samples"),
            borrowed: Gate::feature("zero-copy"),
            runtime_path: "rt".into(),
            ..off.clone()
        };
        assert_eq!(
            cargo_toml_lines(&all).as_deref(),
            Some(
                "[dependencies.serde]\n\
                 version = \"1\"\n\
                 features = [\"derive\"]\n\
                 # and `features = [\"serde\"]` in the rt dependency\n\
                 \n\
                 [features]\n\
                 server = []\n\
                 hashing = []\n\
                 zero-copy = []\n\
                 samples = [\"server\"]"
            )
        );
        let shared = Options {
            serde: Gate::feature("full"),
            hash: Gate::feature("full"),
            runtime_path: "tlgen_api::runtime".into(),
            ..off
        };
        assert_eq!(
            cargo_toml_lines(&shared).as_deref(),
            Some(
                "[dependencies.serde]\n\
                 version = \"1\"\n\
                 features = [\"derive\"]\n\
                 optional = true\n\
                 # and the serde feature of the crate that re-exports the runtime as `tlgen_api::runtime`\n\
                 \n\
                 [features]\n\
                 full = [\"dep:serde\"]"
            )
        );
    }

    #[test]
    fn settings_are_checked_up_front() {
        let check = |options: Options| {
            crate::emit::generate(&crate::ir::Api::default(), &options)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let bad_path = check(Options {
            runtime_path: "super::rt".into(),
            ..Options::default()
        });
        assert!(
            bad_path
                .as_ref()
                .unwrap_err()
                .starts_with("runtime path `super::rt`: "),
            "{bad_path:?}"
        );
        let bad_feature = check(Options {
            serde: Gate::feature("my json"),
            ..Options::default()
        });
        assert_eq!(
            bad_feature.unwrap_err(),
            "setting `serde`: `my json` is not a cargo feature name: ` ` is not allowed \
             (letters, digits, `_`, `-`, `+`, `.`)"
        );
        let samples_alone = check(Options {
            sample_values: Gate::On,
            deserializable_functions: Gate::feature("de"),
            ..Options::default()
        });
        assert_eq!(
            samples_alone.unwrap_err(),
            "setting `sample_values`: the samples decode every method, so they need \
             deserializable_functions wherever they compile; it is feature:de"
        );
    }
}
