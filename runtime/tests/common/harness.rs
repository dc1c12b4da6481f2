//! Shared by `tests/hostile.rs` and the cargo-fuzz target in `fuzz/`: test-only
//! TL types, and [`decode_all`], which runs one input through every decoder of
//! the crate (owned and borrowed) and checks that each returns a value or a
//! well-formed typed error, and that the borrowed ones agree with the owned.
#![allow(dead_code)]

use tlgen_runtime::gzip::{read_maybe_gzipped, write_gzip_packed};
use tlgen_runtime::wire;
use tlgen_runtime::{
    decode_maybe_gzipped, decode_maybe_gzipped_borrowed, unpack_gzip, BareDeserialize,
    BareDeserializeBorrowed, DecodeError, Deserialize, DeserializeBorrowed, Identifiable, Method,
    Object, ObjectRef, Reader, RpcError, RpcResult, Serialize, ToOwnedValue,
};

/// `invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;`, made
/// recursive for tests: `query` is another [`Query`].
pub const NEST_ID: u32 = 0xda9b_0d0d;
/// A test leaf: `leaf#0badf00d text:string data:bytes = Query;`.
pub const LEAF_ID: u32 = 0x0bad_f00d;

/// A recursive test type shaped like `invokeWithLayer`.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// `invokeWithLayer layer:int query:Query`.
    Nest {
        /// The layer.
        layer: i32,
        /// The wrapped query.
        query: Box<Query>,
    },
    /// `leaf text:string data:bytes`.
    Leaf {
        /// Some text.
        text: String,
        /// Some bytes.
        data: Vec<u8>,
    },
}

impl Serialize for Query {
    fn serialized_len(&self) -> usize {
        match self {
            Self::Nest { query, .. } => 8 + query.serialized_len(),
            Self::Leaf { text, data } => 4 + wire::string_len(text) + wire::bytes_len(data),
        }
    }

    fn serialize(&self, out: &mut Vec<u8>) {
        match self {
            Self::Nest { layer, query } => {
                wire::write_u32(out, NEST_ID);
                layer.serialize(out);
                query.serialize(out);
            }
            Self::Leaf { text, data } => {
                wire::write_u32(out, LEAF_ID);
                text.serialize(out);
                wire::write_bytes(out, data);
            }
        }
    }
}

impl Deserialize for Query {
    /// The way generated code decodes a boxed type: gzip-transparent, one
    /// nesting level per object.
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        read_maybe_gzipped(reader, |reader| {
            reader.nested(|reader| {
                let id = reader.read_u32()?;
                query_fields(reader, id, Query::deserialize)
            })
        })
    }
}

/// The fields of the [`Query`] constructor `id`, the wrapped query read by
/// `inner`.
fn query_fields(
    reader: &mut Reader<'_>,
    id: u32,
    inner: impl FnOnce(&mut Reader<'_>) -> Result<Query, DecodeError>,
) -> Result<Query, DecodeError> {
    match id {
        NEST_ID => Ok(Query::Nest {
            layer: i32::deserialize(reader)?,
            query: Box::new(inner(reader)?),
        }),
        LEAF_ID => Ok(Query::Leaf {
            text: String::deserialize(reader)?,
            data: wire::read_bytes(reader)?,
        }),
        id => Err(DecodeError::UnknownConstructor {
            id,
            expected: "Query",
            found: None,
        }),
    }
}

/// [`Query`] decoded as generated type enums decode: the constructor ID,
/// then its fields one nesting level deeper, no `gzip_packed` inside (the owned counterpart of [`QueryRef`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PlainQuery(pub Query);

impl Deserialize for PlainQuery {
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let id = reader.read_u32()?;
        reader
            .nested(|reader| query_fields(reader, id, |r| PlainQuery::deserialize(r).map(|q| q.0)))
            .map(PlainQuery)
    }
}

/// [`Query`] in the borrowed form, decoded the way the generated borrowed
/// type enums decode.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryRef<'a> {
    /// `invokeWithLayer layer:int query:Query`.
    Nest {
        /// The layer.
        layer: i32,
        /// The wrapped query.
        query: Box<QueryRef<'a>>,
    },
    /// `leaf text:string data:bytes`, borrowed from the input.
    Leaf {
        /// Some text.
        text: &'a str,
        /// Some bytes.
        data: &'a [u8],
    },
}

impl<'a> DeserializeBorrowed<'a> for QueryRef<'a> {
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let id = reader.read_u32()?;
        reader.nested(|reader| match id {
            NEST_ID => Ok(Self::Nest {
                layer: i32::deserialize_borrowed(reader)?,
                query: Box::deserialize_borrowed(reader)?,
            }),
            LEAF_ID => Ok(Self::Leaf {
                text: <&str>::deserialize_borrowed(reader)?,
                data: <&[u8]>::deserialize_borrowed(reader)?,
            }),
            id => Err(DecodeError::UnknownConstructor {
                id,
                expected: "Query",
                found: None,
            }),
        })
    }
}

impl ToOwnedValue for QueryRef<'_> {
    type Owned = Query;

    fn to_owned_value(&self) -> Query {
        match self {
            Self::Nest { layer, query } => Query::Nest {
                layer: *layer,
                query: query.to_owned_value(),
            },
            Self::Leaf { text, data } => Query::Leaf {
                text: text.to_owned_value(),
                data: data.to_owned_value(),
            },
        }
    }
}

/// The wire form of `levels` nested [`Query::Nest`]s around a leaf, built
/// iteratively (a `Query` value that deep could not even be dropped
/// recursively).
pub fn deep_nest_bytes(levels: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(levels * 8 + 12);
    for layer in 0..levels {
        wire::write_u32(&mut out, NEST_ID);
        (layer as i32).serialize(&mut out);
    }
    Query::Leaf {
        text: String::new(),
        data: Vec::new(),
    }
    .serialize(&mut out);
    out
}

/// `msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;`
pub const CONTAINER_ID: u32 = 0x73f1_f8dc;
/// `msg_copy#e06046b2 orig_message:Message = MessageCopy;`
pub const COPY_ID: u32 = 0xe060_46b2;
/// `message msg_id:long seqno:int bytes:int body:Object = Message;` (its
/// CRC: the schema writes no ID).
pub const MESSAGE_ID: u32 = 0x5bb8_e511;

/// The MTProto envelope as generated code has it (`TL_mtproto_v1.tl`): a
/// container of messages whose bodies stay [`Object`]s, each as long as its
/// `bytes` says, until decoded; a copy holding one boxed message.
#[derive(Debug, Clone, PartialEq)]
pub enum Envelope {
    /// `msg_container`.
    Container(Vec<Message>),
    /// `msg_copy`.
    Copy(Message),
}

/// `message`: the body is framed by its length.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `msg_id`.
    pub msg_id: i64,
    /// `seqno`.
    pub seqno: i32,
    /// `body` (its length is `bytes` on the wire).
    pub body: Object,
}

impl BareDeserialize for Message {
    const MIN_BARE_SIZE: usize = 20;

    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let msg_id = i64::deserialize(reader)?;
        let seqno = i32::deserialize(reader)?;
        let len = reader.read_u32()?;
        Ok(Message {
            msg_id,
            seqno,
            body: Object::read_framed(reader, len)?,
        })
    }
}

/// [`Message`] in the borrowed form, decoded as the generated borrowed
/// structs decode it: the body viewed in place, framed by its length.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageRef<'a> {
    /// `msg_id`.
    pub msg_id: i64,
    /// `seqno`.
    pub seqno: i32,
    /// `body`, borrowed from the input.
    pub body: ObjectRef<'a>,
}

impl<'a> BareDeserializeBorrowed<'a> for MessageRef<'a> {
    const MIN_BARE_SIZE: usize = 20;

    fn deserialize_bare_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let msg_id = i64::deserialize_borrowed(reader)?;
        let seqno = i32::deserialize_borrowed(reader)?;
        let len = reader.read_u32()?;
        Ok(MessageRef {
            msg_id,
            seqno,
            body: ObjectRef::read_framed(reader, len)?,
        })
    }
}

impl ToOwnedValue for MessageRef<'_> {
    type Owned = Message;

    fn to_owned_value(&self) -> Message {
        Message {
            msg_id: self.msg_id,
            seqno: self.seqno,
            body: self.body.to_owned_value(),
        }
    }
}

impl Serialize for Message {
    fn serialized_len(&self) -> usize {
        16 + self.body.serialized_len()
    }

    fn serialize(&self, out: &mut Vec<u8>) {
        self.msg_id.serialize(out);
        self.seqno.serialize(out);
        wire::write_u32(out, self.body.wire_len());
        self.body.serialize(out);
    }
}

impl Serialize for Envelope {
    fn serialized_len(&self) -> usize {
        match self {
            Self::Container(messages) => {
                8 + messages.iter().map(Message::serialized_len).sum::<usize>()
            }
            Self::Copy(message) => 8 + message.serialized_len(),
        }
    }

    fn serialize(&self, out: &mut Vec<u8>) {
        match self {
            Self::Container(messages) => {
                wire::write_u32(out, CONTAINER_ID);
                wire::write_bare_vector_with(out, messages, |out, m| m.serialize(out));
            }
            Self::Copy(message) => {
                wire::write_u32(out, COPY_ID);
                wire::write_u32(out, MESSAGE_ID);
                message.serialize(out);
            }
        }
    }
}

impl Deserialize for Envelope {
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        read_maybe_gzipped(reader, |reader| {
            reader.nested(|reader| match reader.read_u32()? {
                CONTAINER_ID => Ok(Self::Container(wire::read_bare_vector_with(
                    reader,
                    Message::MIN_BARE_SIZE,
                    Message::deserialize_bare,
                )?)),
                COPY_ID => {
                    wire::expect_constructor(reader, MESSAGE_ID, "Message")?;
                    Ok(Self::Copy(Message::deserialize_bare(reader)?))
                }
                id => Err(DecodeError::UnknownConstructor {
                    id,
                    expected: "MessageContainer",
                    found: None,
                }),
            })
        })
    }
}

/// Decodes `envelope` and, as a client would, every body that is an
/// envelope again (containers in containers, copies of copies), at most
/// `depth` levels down. Returns how many envelopes it decoded.
pub fn walk_envelope(object: &Object, depth: u32) -> Result<usize, DecodeError> {
    if depth == 0 {
        return Ok(0);
    }
    let envelope: Envelope = object.decode()?;
    let bodies: Vec<&Object> = match &envelope {
        Envelope::Container(messages) => messages.iter().map(|m| &m.body).collect(),
        Envelope::Copy(message) => vec![&message.body],
    };
    let mut decoded = 1;
    for body in bodies {
        if body.is::<RpcError>() {
            RpcError::from_bytes(body.as_bytes())?;
        } else if matches!(
            body.id(),
            CONTAINER_ID | COPY_ID | tlgen_runtime::GZIP_PACKED_ID
        ) {
            decoded += walk_envelope(body, depth - 1)?;
        } else {
            body.decode_response::<GetNumbers>()?.ok();
        }
    }
    Ok(decoded)
}

/// A test method: `getNumbers#1234abcd = Vector<long>;`.
#[derive(Debug, Clone, PartialEq)]
pub struct GetNumbers;

impl Identifiable for GetNumbers {
    const CONSTRUCTOR_ID: u32 = 0x1234_abcd;
}

impl Serialize for GetNumbers {
    fn serialized_len(&self) -> usize {
        4
    }

    fn serialize(&self, out: &mut Vec<u8>) {
        wire::write_u32(out, Self::CONSTRUCTOR_ID);
    }
}

impl Method for GetNumbers {
    const NAME: &'static str = "getNumbers";
    const BOTS: Option<bool> = Some(true);
    const USERS: Option<bool> = None;
    type Return = Vec<i64>;
    type Error = RpcError;
}

/// Valid encodings that the hostile test mutates.
pub fn seed_corpus() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = vec![
        7i32.to_bytes(),
        (-1i64).to_bytes(),
        1.5f64.to_bytes(),
        [0xabu8; 16].to_bytes(),
        [0xcdu8; 32].to_bytes(),
    ];
    for len in [0usize, 1, 3, 4, 253, 254, 255, 300] {
        seeds.push("é".repeat(len / 2).to_bytes());
        let mut out = Vec::new();
        wire::write_bytes(&mut out, &vec![0x5a; len]);
        seeds.push(out);
    }
    seeds.push(true.to_bytes());
    seeds.push(false.to_bytes());
    seeds.push(vec![1i32, -2, 3].to_bytes());
    seeds.push(vec![1i64 << 40, -2].to_bytes());
    seeds.push(vec![String::from("a"), String::from("bcd")].to_bytes());
    seeds.push(vec![vec![1i64], vec![], vec![2, 3]].to_bytes());
    seeds.push(vec![true, false].to_bytes());
    let mut out = Vec::new();
    wire::write_bytes_vector(&mut out, &[b"xy".to_vec(), vec![0; 260]]);
    seeds.push(out);
    let mut out = Vec::new();
    wire::write_bare_vector(
        &mut out,
        &[
            RpcError::parse(400, "A_B"),
            RpcError::parse(420, "FLOOD_WAIT_3"),
        ],
    );
    seeds.push(out);
    let err = RpcError::parse(420, "FLOOD_WAIT_30");
    seeds.push(err.to_bytes());
    let body = vec![5i64, 6, 7].to_bytes();
    seeds.push(
        RpcResult {
            req_msg_id: 99,
            body: &body,
        }
        .to_vec(),
    );
    let err_bytes = err.to_bytes();
    seeds.push(
        RpcResult {
            req_msg_id: 1,
            body: &err_bytes,
        }
        .to_vec(),
    );
    let mut gz = Vec::new();
    write_gzip_packed(&mut gz, &body);
    seeds.push(
        RpcResult {
            req_msg_id: 2,
            body: &gz,
        }
        .to_vec(),
    );
    seeds.push(gz.clone());
    seeds.push(tlgen_runtime::gzip::pack_gzip(&vec![0u8; 4096]));
    seeds.push(tlgen_runtime::gzip::pack_gzip(b"hello hello hello"));
    let mut gz_err = Vec::new();
    write_gzip_packed(&mut gz_err, &err_bytes);
    seeds.push(gz_err);
    let leaf = Query::Leaf {
        text: "hi".into(),
        data: vec![1, 2, 3],
    };
    let nest = Query::Nest {
        layer: 223,
        query: Box::new(Query::Nest {
            layer: 1,
            query: Box::new(leaf.clone()),
        }),
    };
    seeds.push(leaf.to_bytes());
    seeds.push(nest.to_bytes());
    let mut gz_nest = Vec::new();
    write_gzip_packed(&mut gz_nest, &nest.to_bytes());
    let mut gz_gz_nest = Vec::new();
    write_gzip_packed(&mut gz_gz_nest, &gz_nest);
    seeds.push(gz_nest);
    seeds.push(gz_gz_nest);
    seeds.push(vec![leaf.clone(), nest.clone()].to_bytes());
    seeds.push(deep_nest_bytes(80));
    // The envelope: a container of a call, a result and an error; a
    // container inside a container's body; a copy; gzip inside gzip.
    let message = |msg_id: i64, body: &[u8]| Message {
        msg_id,
        seqno: 1,
        body: Object::from_bytes(body.to_vec()).expect("a boxed value"),
    };
    let inner = Envelope::Container(vec![
        message(1, &GetNumbers.to_bytes()),
        message(
            2,
            &RpcResult {
                req_msg_id: 1,
                body: &body,
            }
            .to_vec(),
        ),
        message(3, &err_bytes),
    ]);
    let outer = Envelope::Container(vec![message(4, &inner.to_bytes()), message(5, &gz)]);
    seeds.push(inner.to_bytes());
    // A container's messages without its ID: a bare vector of framed bodies.
    seeds.push(inner.to_bytes()[4..].to_vec());
    seeds.push(outer.to_bytes());
    seeds.push(Envelope::Copy(message(6, &outer.to_bytes())).to_bytes());
    let mut gz_gz = Vec::new();
    write_gzip_packed(&mut gz_gz, &gz);
    seeds.push(gz_gz.clone());
    seeds.push(Envelope::Container(vec![message(7, &gz_gz)]).to_bytes());
    seeds
}

trait ToVec {
    fn to_vec(&self) -> Vec<u8>;
}

impl ToVec for RpcResult<'_> {
    fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.serialized_len());
        self.serialize(&mut out);
        out
    }
}

/// Checks that an error is well formed: it describes a position inside the
/// input (when `len` is known: errors from unpacked gzip payloads are relative
/// to the payload), and its message renders.
fn check_error(err: &DecodeError, len: Option<usize>) {
    let mut rendered = CountingWriter(0);
    core::fmt::write(&mut rendered, format_args!("{err}")).expect("Display failed");
    assert!(rendered.0 > 0);
    let Some(len) = len else {
        return;
    };
    match *err {
        DecodeError::UnexpectedEof { offset, needed } => {
            assert!(
                offset <= len && needed > 0 && offset + needed > len,
                "{err:?} for {len} bytes"
            )
        }
        DecodeError::LengthTooLarge {
            offset,
            declared,
            remaining,
        } => {
            assert!(
                offset <= len && remaining <= len && declared > 0,
                "{err:?} for {len} bytes"
            )
        }
        DecodeError::InvalidUtf8 { offset } => assert!(offset < len, "{err:?}"),
        DecodeError::TrailingBytes { count } => assert!(count > 0 && count <= len, "{err:?}"),
        DecodeError::DepthLimitExceeded { limit } => assert!(limit > 0, "{err:?}"),
        DecodeError::InvalidBool { id } => {
            assert!(
                id != wire::BOOL_TRUE_ID && id != wire::BOOL_FALSE_ID,
                "{err:?}"
            )
        }
        DecodeError::UnknownConstructor { .. } | DecodeError::Gzip { .. } => {}
        _ => panic!("unexpected error variant {err:?}"),
    }
}

/// A `fmt::Write` sink that only counts, so checking that every error renders
/// costs no allocation.
struct CountingWriter(usize);

impl core::fmt::Write for CountingWriter {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// Runs `check` on the outcome of one decoder: a value or a typed error.
fn outcome<T>(
    result: Result<T, DecodeError>,
    len: Option<usize>,
    ok: &mut usize,
    check: impl FnOnce(T),
) {
    match result {
        Ok(value) => {
            *ok += 1;
            check(value);
        }
        Err(err) => check_error(&err, len),
    }
}

/// A decoded value re-encodes to bytes that decode to the same value.
fn reencodes<T: Serialize + Deserialize + PartialEq + core::fmt::Debug>(value: T) {
    let bytes = value.to_bytes();
    assert_eq!(bytes.len(), value.serialized_len());
    assert_eq!(T::from_bytes(&bytes).as_ref(), Ok(&value));
}

/// Runs `data` through every decoder of the crate. Returns how many decoders
/// produced a value. Panics (failing the test or the fuzz run) if a decoder
/// panics or returns a malformed error.
pub fn decode_all(data: &[u8]) -> usize {
    let n = data.len();
    let len = Some(n);
    let mut ok = 0;
    outcome(i32::from_bytes(data), len, &mut ok, reencodes);
    outcome(i64::from_bytes(data), len, &mut ok, reencodes);
    outcome(f64::from_bytes(data), len, &mut ok, |v| {
        assert_eq!(
            f64::from_bytes(&v.to_bytes()).map(f64::to_bits),
            Ok(v.to_bits())
        )
    });
    outcome(<[u8; 16]>::from_bytes(data), len, &mut ok, reencodes);
    outcome(<[u8; 32]>::from_bytes(data), len, &mut ok, reencodes);
    outcome(bool::from_bytes(data), len, &mut ok, reencodes);
    outcome(String::from_bytes(data), len, &mut ok, reencodes);
    let mut reader = Reader::new(data);
    outcome(wire::read_bytes(&mut reader), len, &mut ok, |v| {
        assert!(wire::bytes_len(&v) <= n);
        let mut out = Vec::new();
        wire::write_bytes(&mut out, &v);
        assert_eq!(wire::read_bytes(&mut Reader::new(&out)), Ok(v));
    });
    outcome(Vec::<i32>::from_bytes(data), len, &mut ok, reencodes);
    outcome(Vec::<i64>::from_bytes(data), len, &mut ok, reencodes);
    outcome(Vec::<bool>::from_bytes(data), len, &mut ok, reencodes);
    outcome(Vec::<String>::from_bytes(data), len, &mut ok, reencodes);
    outcome(Vec::<Vec<i64>>::from_bytes(data), len, &mut ok, reencodes);
    outcome(Vec::<[u8; 16]>::from_bytes(data), len, &mut ok, reencodes);
    outcome(
        wire::read_bytes_vector(&mut Reader::new(data)),
        len,
        &mut ok,
        |v| {
            let mut out = Vec::new();
            wire::write_bytes_vector(&mut out, &v);
            assert_eq!(out.len(), wire::bytes_vector_len(&v));
            assert_eq!(wire::read_bytes_vector(&mut Reader::new(&out)), Ok(v));
        },
    );
    outcome(
        wire::read_bare_vector::<RpcError>(&mut Reader::new(data)),
        len,
        &mut ok,
        |v| {
            assert!(wire::bare_vector_len(&v) <= n);
        },
    );
    outcome(RpcError::from_bytes(data), len, &mut ok, |e| {
        assert_eq!(RpcError::from_bytes(&e.to_bytes()).as_ref(), Ok(&e));
    });
    outcome(
        RpcError::peek_decode(&mut Reader::new(data)),
        len,
        &mut ok,
        |_| {},
    );
    outcome(RpcResult::decode(data), len, &mut ok, |result| {
        assert_eq!(result.serialized_len(), n);
        outcome(result.decode_response::<GetNumbers>(), None, &mut 0, |_| {});
    });
    outcome(GetNumbers::decode_response(data), None, &mut ok, |_| {});
    outcome(unpack_gzip(data, 1 << 16), len, &mut ok, |v| {
        assert!(v.len() <= 1 << 16)
    });
    outcome(
        decode_maybe_gzipped::<Vec<i32>>(data),
        None,
        &mut ok,
        |_| {},
    );
    outcome(Query::from_bytes(data), None, &mut ok, reencodes);
    outcome(Object::from_bytes(data.to_vec()), None, &mut ok, |object| {
        outcome(walk_envelope(&object, 8), None, &mut 0, |_| {});
    });
    outcome(Envelope::from_bytes(data), None, &mut ok, |envelope| {
        let bytes = envelope.to_bytes();
        assert_eq!(bytes.len(), envelope.serialized_len());
        assert_eq!(Envelope::from_bytes(&bytes).as_ref(), Ok(&envelope));
    });
    outcome(
        Object::read_framed(&mut Reader::new(data), n as u32),
        len,
        &mut ok,
        |object| assert_eq!(object.as_bytes(), data),
    );
    let mut shallow = Reader::with_max_depth(data, 3).with_gzip_limit(1024);
    outcome(Query::deserialize(&mut shallow), None, &mut ok, |q| {
        assert!(depth(&q) <= 3);
    });
    ok += decode_borrowed(data);
    ok
}

/// The borrowed decoders on `data`: each must give what the owned decoder
/// of the same shape gives, value for value (once copied into the owned
/// form) and error for error. Returns how many produced a value.
fn decode_borrowed(data: &[u8]) -> usize {
    fn same<'a, B, O>(data: &'a [u8], owned: Result<O, DecodeError>, ok: &mut usize)
    where
        B: DeserializeBorrowed<'a> + ToOwnedValue<Owned = O>,
        O: PartialEq + core::fmt::Debug,
    {
        let borrowed = B::from_bytes_borrowed(data).map(|b| b.to_owned_value());
        assert_eq!(borrowed, owned, "borrowed vs owned decode of {data:02x?}");
        *ok += usize::from(owned.is_ok());
        if let Err(err) = &owned {
            check_error(err, Some(data.len()));
        }
    }
    let mut ok = 0;
    same::<i32, _>(data, i32::from_bytes(data), &mut ok);
    same::<i64, _>(data, i64::from_bytes(data), &mut ok);
    same::<bool, _>(data, bool::from_bytes(data), &mut ok);
    same::<[u8; 16], _>(data, <[u8; 16]>::from_bytes(data), &mut ok);
    same::<&str, _>(data, String::from_bytes(data), &mut ok);
    let mut reader = Reader::new(data);
    let bytes = wire::read_bytes(&mut reader).and_then(|v| reader.finish().map(|()| v));
    same::<&[u8], _>(data, bytes, &mut ok);
    same::<Vec<&str>, _>(data, Vec::<String>::from_bytes(data), &mut ok);
    same::<Vec<Vec<i64>>, _>(data, Vec::<Vec<i64>>::from_bytes(data), &mut ok);
    let mut reader = Reader::new(data);
    let bytes_vector =
        wire::read_bytes_vector(&mut reader).and_then(|v| reader.finish().map(|()| v));
    same::<Vec<&[u8]>, _>(data, bytes_vector, &mut ok);
    let plain = |data: &[u8]| PlainQuery::from_bytes(data).map(|q| q.0);
    same::<QueryRef<'_>, _>(data, plain(data), &mut ok);
    let plain_vec =
        Vec::<PlainQuery>::from_bytes(data).map(|v| v.into_iter().map(|q| q.0).collect());
    same::<Vec<QueryRef<'_>>, Vec<Query>>(data, plain_vec, &mut ok);
    // `Object`: the rest of the input, or framed by a length (a container's
    // messages, as generated code reads them).
    same::<ObjectRef<'_>, _>(data, <Object as Deserialize>::from_bytes(data), &mut ok);
    let mut reader = Reader::new(data);
    let owned = wire::read_bare_vector_with(&mut reader, 20, Message::deserialize_bare)
        .and_then(|v| reader.finish().map(|()| v));
    let mut reader = Reader::new(data);
    let borrowed =
        wire::read_bare_vector_with(&mut reader, 20, MessageRef::deserialize_bare_borrowed)
            .and_then(|v| reader.finish().map(|()| v.to_owned_value()));
    assert_eq!(borrowed, owned, "framed messages of {data:02x?}");
    ok += usize::from(owned.is_ok());
    // `gzip_packed` around the value: inflated into a buffer the caller
    // lends, with the owned decoder's limits and errors.
    let mut scratch = Vec::new();
    let borrowed = decode_maybe_gzipped_borrowed::<QueryRef<'_>>(data, &mut scratch)
        .map(|q| q.to_owned_value());
    let owned = decode_maybe_gzipped::<PlainQuery>(data).map(|q| q.0);
    assert_eq!(
        borrowed, owned,
        "gzip-transparent borrowed vs owned decode of {data:02x?}"
    );
    ok += usize::from(owned.is_ok());
    let mut scratch = Vec::new();
    assert_eq!(
        decode_maybe_gzipped_borrowed::<Vec<i32>>(data, &mut scratch),
        decode_maybe_gzipped::<Vec<i32>>(data),
        "gzip-transparent Vector<int> of {data:02x?}"
    );
    let mut shallow = Reader::with_max_depth(data, 3);
    if let Ok(q) = QueryRef::deserialize_borrowed(&mut shallow) {
        assert!(depth(&q.to_owned_value()) <= 3);
    }
    ok
}

/// How many objects deep `q` is.
pub fn depth(mut q: &Query) -> usize {
    let mut depth = 1;
    while let Query::Nest { query, .. } = q {
        depth += 1;
        q = query;
    }
    depth
}
