//! Helpers the crate's unit tests share: an IR straight from TL text,
//! read by the tests' oracle (independent of [`crate::schema`]). What the
//! integration tests share too lives in `tlgen-test-support`.

use tlgen_test_support::tl_oracle;

use crate::ir::{Api, Constructor, Flag, Method, Param, TypeDef};
use crate::merge::Merged;

/// An IR straight from TL text, read by the oracle: params as written, IDs
/// as declared, one type per result.
pub(crate) fn api_from_tl(text: &str) -> Api {
    let mut api = Api::default();
    for e in tl_oracle::parse(text) {
        let params = e
            .params
            .iter()
            .map(|(pname, ty, flag)| Param {
                name: pname.clone(),
                ty: ty.as_str().into(),
                flag: flag.split_once('.').map(|(field, bit)| Flag {
                    field: field.into(),
                    bit: bit.parse().expect("flag bit"),
                }),
                description: String::new(),
                docs_only: false,
                hidden: ty == "#",
                required: Some(true),
                docs_type: None,
            })
            .collect();
        if e.function {
            api.methods.push(Method {
                id: e.declared_id,
                params,
                ..method(&e.name, &e.result)
            });
        } else {
            api.constructors.push(Constructor {
                name: e.name,
                id: e.declared_id,
                description: String::new(),
                params,
                type_name: e.result,
                tl_name: None,
                layer: None,
                source: None,
                space: crate::ir::Space::Api,
            });
        }
    }
    // By name, so that a long schema (the linear-time tests) builds fast.
    let mut types: std::collections::BTreeMap<&str, TypeDef> = Default::default();
    for c in &api.constructors {
        types
            .entry(&c.type_name)
            .or_insert_with(|| TypeDef {
                name: c.type_name.clone(),
                constructors: Vec::new(),
                description: String::new(),
                source: None,
                space: crate::ir::Space::Api,
            })
            .constructors
            .push(c.name.clone());
    }
    let types = types.into_values().collect();
    api.types = types;
    api
}

/// An API method named `name` returning `returns`, with nothing else: a
/// test sets the fields it is about.
pub(crate) fn method(name: &str, returns: &str) -> Method {
    Method {
        name: name.to_owned(),
        id: None,
        description: String::new(),
        params: Vec::new(),
        returns: returns.into(),
        bots: None,
        users: None,
        business: None,
        errors: Vec::new(),
        errors_source: None,
        source: None,
        space: crate::ir::Space::Api,
    }
}

/// The method `name` of `api`, for a test to change; the test fails if
/// there is none.
pub(crate) fn method_mut<'a>(api: &'a mut Api, name: &str) -> &'a mut Method {
    api.methods
        .iter_mut()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no method {name}"))
}

/// `merged`, once the test has failed on any error diagnostic in it: no test
/// builds on an IR that every entry point refuses.
pub(crate) fn without_errors(what: &str, merged: Merged) -> Merged {
    tlgen_test_support::ir::assert_no_errors(what, merged.errors());
    merged
}

/// The IR of the sample docs with both sample schemas ([`without_errors`]).
pub(crate) fn sample_merged() -> Merged {
    let schemas = tlgen_test_support::sample_schemas();
    let merged = crate::merge::build(&tlgen_test_support::sample_docs(), &schemas)
        .expect("the sample merges");
    without_errors("the sample", merged)
}
