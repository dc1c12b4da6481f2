//! The model's rules, each tested where it is decided; the back ends'
//! agreement with them is tested where each back end reads them
//! (`tools/tests.rs`, `emit`'s tests, `diff/tests.rs`).

use super::*;
use crate::ir::{Param, TlType};
use crate::test_support::api_from_tl;

fn kinds<'m>(model: &'m Model<'_>, ctor: &str) -> Vec<(&'m str, &'m FieldKind)> {
    let c = model.ctor(model.constructor_named(ctor).expect(ctor));
    c.fields.iter().map(|f| (f.tl_name(), &f.kind)).collect()
}

#[test]
fn every_param_gets_one_kind() {
    let mut api = api_from_tl(
        "a#00000001 flags:# t:flags.0?true v:flags.1?int always:true n:long = A;\n\
         old#00000002 flags:int x:flags.0?true y:int = Old;\n\
         plain#00000003 flags:int = Plain;\n",
    );
    let mut docs_only = api.constructors[0].params[4].clone();
    docs_only.name = "parse_mode".into();
    docs_only.docs_only = true;
    api.constructors[0].params.push(docs_only);
    let model = Model::checked(&api).expect("a clean model");
    let flag = |bit| crate::ir::Flag {
        field: "flags".into(),
        bit,
    };
    assert_eq!(
        kinds(&model, "a"),
        [
            ("flags", &FieldKind::FlagsWord),
            ("t", &FieldKind::TrueFlag(flag(0))),
            (
                "v",
                &FieldKind::Value {
                    ty: Ty::Prim(Prim::Int),
                    flag: Some(flag(1))
                }
            ),
            ("always", &FieldKind::ConstTrue),
            (
                "n",
                &FieldKind::Value {
                    ty: Ty::Prim(Prim::Long),
                    flag: None
                }
            ),
            ("parse_mode", &FieldKind::DocsOnly),
        ]
    );
    // An old layer's `flags:int` is a flags word when conditions refer to
    // it, a plain `int` otherwise.
    assert_eq!(kinds(&model, "old")[0], ("flags", &FieldKind::FlagsWord));
    assert!(matches!(
        kinds(&model, "plain")[0],
        (
            "flags",
            FieldKind::Value {
                ty: Ty::Prim(Prim::Int),
                flag: None
            }
        )
    ));
}

#[test]
fn references_resolve_once_to_handles() {
    let api = api_from_tl(
        "future_salt#0949d9dc valid_since:int salt:long = FutureSalt;\n\
         salts#ae500895 salts:vector<future_salt> one:%FutureSalt = Salts;\n\
         peer#00000010 id:long = Peer;\n\
         ---functions---\n\
         get#00000011 peers:Vector<Peer> = Vector<Peer>;\n\
         invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n",
    );
    let model = Model::checked(&api).expect("a clean model");
    let salt = model.constructor_named("future_salt").expect("future_salt");
    let peer = model.type_named("Peer").expect("Peer");
    let salts = model.ctor(model.constructor_named("salts").expect("salts"));
    assert_eq!(
        salts.fields[0].value_ty(),
        Some(&Ty::Vector {
            boxed: false,
            elem: Box::new(Ty::Struct(salt))
        })
    );
    assert_eq!(salts.fields[1].value_ty(), Some(&Ty::Struct(salt)));
    let get = model.func(model.method_named("get").expect("get"));
    let vector_of_peers = Ty::Vector {
        boxed: true,
        elem: Box::new(Ty::Enum(peer)),
    };
    assert_eq!(get.fields[0].value_ty(), Some(&vector_of_peers));
    assert_eq!(get.returns, vector_of_peers);
    let invoke = model.func(model.method_named("invokeWithLayer").expect("invoke"));
    assert_eq!(invoke.generic.as_deref(), Some("X"));
    assert_eq!(invoke.fields[1].value_ty(), Some(&Ty::Query("X".into())));
    assert_eq!(invoke.returns, Ty::QueryResult("X".into()));
}

#[test]
fn problems_are_typed_and_name_the_site() {
    let api = api_from_tl(
        "a#00000001 x:Nowhere y:vector<nothing> z:!Z = A;\n\
         b x:int = B;\n\
         ---functions---\n\
         f#00000002 q:!Y = A;\n",
    );
    let model = Model::new(&api);
    let texts: Vec<String> = model.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "constructor b has no constructor ID (no schema entry)",
            "constructor a param x: undefined type `Nowhere`",
            "constructor a param y: undefined bare type `nothing`",
            "constructor a param z: unknown generic `!Z`",
        ]
    );
    assert!(Model::checked(&api).is_err());
    // The lenient model still resolves what it can.
    assert!(model.constructor_named("a").is_some());
}

/// The fewest bytes of every kind of value: the one number behind the
/// emitted vector reads, the tools' decoder and the runtime's count checks.
#[test]
fn minimum_sizes() {
    let api = api_from_tl(
        "empty#00000001 = Empty;\n\
         pair#00000002 flags:# a:int b:flags.0?long c:string d:Vector<long> e:vector<int> = Pair;\n\
         holder#00000003 p:pair e:%Empty t:true = Holder;\n",
    );
    let model = Model::checked(&api).expect("a clean model");
    let size = |c: &str| {
        model
            .ctor(model.constructor_named(c).expect(c))
            .min_bare_size
    };
    assert_eq!(size("empty"), 0);
    // flags 4 + int 4 + (conditional long) 0 + string 4 + Vector 8 + vector 4.
    assert_eq!(size("pair"), 24);
    assert_eq!(size("holder"), 24);
    let pair = Ty::Struct(model.constructor_named("pair").expect("pair"));
    assert_eq!(model.min_size(&pair), 24);
    assert_eq!(model.min_size(&Ty::Prim(Prim::Int128)), 16);
    assert_eq!(model.min_size(&Ty::Prim(Prim::Bytes)), 4);
    let t = model.type_named("Pair").expect("Pair");
    assert_eq!(model.min_size(&Ty::Enum(t)), 4);
    let boxed = |elem: Ty| Ty::Vector {
        boxed: true,
        elem: Box::new(elem),
    };
    assert_eq!(model.min_size(&boxed(Ty::Prim(Prim::Long))), 8);
    assert_eq!(model.min_size(&boxed(boxed(Ty::Prim(Prim::Long)))), 8);
}

/// `Eq`/`Hash` are lost through a `Vec`, an `Option`, a bare field and a
/// type enum, and only there.
#[test]
fn a_double_anywhere_inside_rules_out_eq_and_hash() {
    let api = api_from_tl(
        "point#00000001 x:double = Point;\n\
         peer#00000002 id:long name:string = Peer;\n\
         place#00000003 flags:# at:flags.0?Vector<Point> peer:Peer = Place;\n\
         bare#00000004 p:point = Bare;\n\
         lonely#00000005 n:int = Place;\n\
         ---functions---\n\
         getPeer#00000006 peer:Peer = Peer;\n\
         getPlace#00000007 place:Place = Place;\n",
    );
    let model = Model::checked(&api).expect("a clean model");
    let ctor = |n: &str| {
        let c = model.ctor(model.constructor_named(n).expect(n));
        c.rust.as_ref().expect("generated").hashable
    };
    let ty = |n: &str| {
        let t = model.ty(model.type_named(n).expect(n));
        t.rust.as_ref().expect("generated").hashable
    };
    let func = |n: &str| {
        let f = model.func(model.method_named(n).expect(n));
        f.rust.as_ref().expect("generated").hashable
    };
    assert!(!ctor("point") && !ty("Point"));
    assert!(ctor("peer") && ty("Peer") && func("getPeer"));
    assert!(!ctor("place") && !ty("Place") && !func("getPlace"));
    assert!(!ctor("bare"));
    // Its type holds a double through `place`; the struct itself does not.
    assert!(ctor("lonely"));
}

/// The borrowed form: an item borrows when it holds a `string`, `bytes`,
/// MTProto's byte-data `string` or an `Object`, directly, through a `Vec`,
/// an `Option`, a bare field or a type enum; and only then.
#[test]
fn strings_bytes_and_objects_anywhere_inside_make_an_item_borrow() {
    let mut api = api_from_tl(
        "peer#00000001 id:long = Peer;\n\
         user#00000002 flags:# name:flags.0?string peer:Peer = User;\n\
         chat#00000003 users:Vector<User> = Chat;\n\
         lonely#00000004 n:int = Chat;\n\
         file#00000005 data:bytes = File;\n\
         bare#00000006 f:file = Bare;\n\
         answer#00000007 req:long result:Object = Answer;\n\
         nonce#00000008 pq:string = Nonce;\n\
         ---functions---\n\
         getUser#00000009 peer:Peer = User;\n",
    );
    // `nonce` as the MTProto service schema has it: its `string` is bytes.
    let nonce = api.constructors.iter_mut().find(|c| c.name == "nonce");
    nonce.expect("nonce").space = Space::Mtproto;
    let model = Model::checked(&api).expect("a clean model");
    let borrowing = model.borrowing();
    let ctor = |n: &str| borrowing.ctor(model.constructor_named(n).expect(n));
    let ty = |n: &str| borrowing.ty(model.type_named(n).expect(n));
    assert!(!ctor("peer") && !ty("Peer"));
    assert!(ctor("user") && ty("User"), "an optional string");
    assert!(
        ctor("chat") && ty("Chat"),
        "a vector of a type that borrows"
    );
    // Its type borrows through `chat`; the struct itself does not.
    assert!(!ctor("lonely"));
    assert!(ctor("file") && ctor("bare"), "bytes, in a bare field");
    assert!(ctor("answer") && ty("Answer"), "an Object");
    let nonce = model.ctor(model.constructor_named("nonce").expect("nonce"));
    assert_eq!(
        nonce.fields[0].value_ty(),
        Some(&Ty::Prim(Prim::StringBytes))
    );
    assert!(ctor("nonce") && ty("Nonce"), "MTProto's byte-data string");
    let strings = Ty::Vector {
        boxed: true,
        elem: Box::new(Ty::Prim(Prim::String)),
    };
    assert!(borrowing.value(&strings) && borrowing.value(&Ty::Object));
    assert!(!borrowing.value(&Ty::Prim(Prim::Int256)));
}

/// Each item is visited once: a chain of 50,000 constructors, each
/// holding the next, with a double at the far end.
#[test]
fn eq_and_hash_are_decided_in_linear_time() {
    use std::fmt::Write;
    const N: usize = 50_000;
    let mut tl = String::new();
    for i in 0..N {
        let field = if i + 1 == N {
            "x:double".to_owned()
        } else {
            format!("next:Vector<T{}>", i + 1)
        };
        let _ = writeln!(tl, "t{i}#{:08x} {field} = T{i};", i + 1);
    }
    let api = api_from_tl(&tl);
    let model = Model::checked(&api).expect("a clean model");
    assert!(model.rust_ctors().all(|(_, _, r)| !r.hashable));
    assert!(model.rust_types().all(|(_, _, r)| !r.hashable));
}

#[test]
fn recursion_and_size_box_variants() {
    let mut tl = String::from(
        "node#00000001 next:Node = Node;\n\
         leaf#00000002 = Node;\n",
    );
    tl.push_str("big#00000003");
    for i in 0..20 {
        tl.push_str(&format!(" f{i}:long"));
    }
    tl.push_str(" = Big;\nsmall#00000004 = Big;\n");
    let api = api_from_tl(&tl);
    let model = Model::checked(&api).expect("a clean model");
    let boxed = |n: &str| {
        let c = model.ctor(model.constructor_named(n).expect(n));
        c.rust.as_ref().expect("generated").boxed
    };
    assert_eq!(boxed("node"), Some(Boxing::Recursion));
    assert_eq!(boxed("leaf"), None);
    assert_eq!(boxed("big"), Some(Boxing::Size(160)));
    assert_eq!(boxed("small"), None);
    // A bare struct on a cycle has no enum to box it in.
    let api = api_from_tl("loop#00000005 again:%Loop = Loop;\n");
    let problems: Vec<String> = Model::new(&api)
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        ["constructor loop contains bare loop by value on a cycle; unsupported"]
    );
}

#[test]
fn the_tl_text_of_a_param() {
    let param = |name: &str, ty: &str, flag: Option<(&str, u8)>| Param {
        name: name.into(),
        ty: TlType::parse(ty),
        flag: flag.map(|(field, bit)| crate::ir::Flag {
            field: field.into(),
            bit,
        }),
        description: String::new(),
        docs_only: false,
        hidden: false,
        required: None,
        docs_type: None,
    };
    assert_eq!(param("peer", "InputPeer", None).tl_text(), "peer:InputPeer");
    assert_eq!(
        param("entities", "Vector<MessageEntity>", Some(("flags", 3))).tl_text(),
        "entities:flags.3?Vector<MessageEntity>"
    );
    assert_eq!(
        param("silent", "true", Some(("flags2", 0))).tl_text(),
        "silent:flags2.0?true"
    );
}

#[test]
fn lookups_by_name_id_and_wire_name() {
    let mut api = api_from_tl(
        "a#00000001 = A;\n\
         ---functions---\n\
         a#00000001 = A;\n\
         m#00000002 = A;\n",
    );
    api.constructors.push(crate::ir::Constructor {
        tl_name: Some("layered".into()),
        name: "layered_17".into(),
        ..api.constructors[0].clone()
    });
    let model = Model::new(&api);
    // Methods win an ID, constructors a name.
    assert_eq!(model.by_id(1), model.method_named("a").map(Handle::Func));
    assert_eq!(
        model.named("a"),
        model.constructor_named("a").map(Handle::Ctor)
    );
    assert_eq!(
        model.constructor_named("layered"),
        model.constructor_named("layered_17")
    );
    assert!(model.has_ids());
    assert_eq!(
        model.names().collect::<Vec<_>>(),
        ["a", "m", "a", "layered_17"]
    );
}
