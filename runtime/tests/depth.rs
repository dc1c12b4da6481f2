//! Nesting-depth limit: hostile nesting is refused with a typed error instead
//! of overflowing the stack.

mod common;

use common::harness::{deep_nest_bytes, depth, Query, NEST_ID};
use tlgen_runtime::{DecodeError, Deserialize, Reader, DEFAULT_MAX_DEPTH};

#[test]
fn two_hundred_thousand_levels_are_refused_without_stack_overflow() {
    // Runs on the default test thread (2 MiB stack), in a debug build.
    let input = deep_nest_bytes(200_000);
    assert_eq!(input.len(), 200_000 * 8 + 12);
    assert_eq!(
        Query::from_bytes(&input),
        Err(DecodeError::DepthLimitExceeded {
            limit: DEFAULT_MAX_DEPTH
        })
    );
    assert_eq!(DEFAULT_MAX_DEPTH, 64);
}

#[test]
fn the_limit_is_exact() {
    // 63 wrappers around a leaf: 64 objects, the most the default allows.
    let q = Query::from_bytes(&deep_nest_bytes(63)).unwrap();
    assert_eq!(depth(&q), 64);
    assert!(matches!(q, Query::Nest { layer: 0, .. }));
    assert_eq!(
        Query::from_bytes(&deep_nest_bytes(64)),
        Err(DecodeError::DepthLimitExceeded { limit: 64 })
    );
}

#[test]
fn custom_limits_and_depth_bookkeeping() {
    let input = deep_nest_bytes(4);
    let mut reader = Reader::with_max_depth(&input, 4);
    assert_eq!(reader.max_depth(), 4);
    assert_eq!(
        Query::deserialize(&mut reader),
        Err(DecodeError::DepthLimitExceeded { limit: 4 })
    );
    assert_eq!(reader.depth(), 0, "depth is restored after a failure");

    let mut reader = Reader::with_max_depth(&input, 5);
    assert_eq!(Query::deserialize(&mut reader).map(|q| depth(&q)), Ok(5));
    assert_eq!(reader.depth(), 0);
    assert_eq!(reader.finish(), Ok(()));

    let mut reader = Reader::with_max_depth(&input, 0);
    assert_eq!(
        reader.nested(|_| Ok(())),
        Err(DecodeError::DepthLimitExceeded { limit: 0 })
    );

    let mut reader = Reader::new(&input);
    let seen = reader.nested(|r| r.nested(|r| Ok(r.depth())));
    assert_eq!(seen, Ok(2));
}

#[test]
fn truncated_deep_input_is_eof_not_depth() {
    let mut input = deep_nest_bytes(10);
    input.truncate(10 * 8);
    assert_eq!(
        Query::from_bytes(&input),
        Err(DecodeError::UnexpectedEof {
            offset: 80,
            needed: 4
        })
    );
    input.extend_from_slice(&0xdead_beefu32.to_le_bytes());
    assert_eq!(
        Query::from_bytes(&input),
        Err(DecodeError::UnknownConstructor {
            id: 0xdead_beef,
            expected: "Query",
            found: None,
        })
    );
    assert_eq!(u32::from_le_bytes(input[..4].try_into().unwrap()), NEST_ID);
}
