//! No allocation beyond what the input justifies: a counting global allocator
//! measures the peak bytes held while hostile inputs are decoded.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use common::harness::Query;
use tlgen_runtime::gzip::{pack_gzip, write_gzip_packed};
use tlgen_runtime::{unpack_gzip, wire, Deserialize, Reader};

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn add(n: usize) {
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + n);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

fn sub(n: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(n)));
}

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        sub(layout.size());
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        sub(layout.size());
        add(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes allocated (above what was live before) on this thread while `f` runs.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let value = f();
    (value, PEAK.with(Cell::get) - base)
}

fn header(count: u32) -> Vec<u8> {
    let mut out = Vec::new();
    wire::write_u32(&mut out, wire::VECTOR_ID);
    wire::write_u32(&mut out, count);
    out
}

#[test]
fn huge_counts_and_lengths_allocate_nothing() {
    let mut input = header(u32::MAX);
    input.extend_from_slice(&[0; 64]);
    let (result, peak) = peak_during(|| Vec::<i64>::from_bytes(&input));
    assert!(result.is_err());
    assert_eq!(peak, 0);
    let (result, peak) = peak_during(|| Vec::<Query>::from_bytes(&input));
    assert!(result.is_err());
    assert_eq!(peak, 0);
    let (result, peak) = peak_during(|| wire::read_bytes_vector(&mut Reader::new(&input)));
    assert!(result.is_err());
    assert_eq!(peak, 0);

    let string = [0xfe, 0xff, 0xff, 0xff, 0, 0, 0, 0];
    let (result, peak) = peak_during(|| String::from_bytes(&string));
    assert!(result.is_err());
    assert_eq!(peak, 0);
    let (result, peak) = peak_during(|| wire::read_bytes(&mut Reader::new(&string)));
    assert!(result.is_err());
    assert_eq!(peak, 0);
}

#[test]
fn plausible_counts_reserve_at_most_the_input_size() {
    // As many elements as the input could hold if each were 4 bytes, but
    // every element is garbage: the decoder must not reserve count * size_of.
    for count in [1000u32, 100_000] {
        let mut input = header(count);
        input.resize(8 + count as usize * 4, 0xee);
        let (result, peak) = peak_during(|| Vec::<Query>::from_bytes(&input));
        assert!(result.is_err());
        assert!(
            peak <= input.len(),
            "{peak} bytes reserved for a {}-byte input of Vec<Query>",
            input.len()
        );
        let (result, peak) = peak_during(|| Vec::<Vec<i64>>::from_bytes(&input));
        assert!(result.is_err());
        assert!(
            peak <= input.len(),
            "{peak} bytes for {} bytes of Vec<Vec<long>>",
            input.len()
        );
    }
}

#[test]
fn valid_vectors_allocate_once() {
    let values: Vec<i64> = (0..10_000).collect();
    let input = tlgen_runtime::Serialize::to_bytes(&values);
    let (result, peak) = peak_during(|| Vec::<i64>::from_bytes(&input));
    assert_eq!(result.as_ref(), Ok(&values));
    assert_eq!(peak, 80_000);
}

#[test]
fn gzip_bombs_stop_at_the_limit() {
    let bomb = pack_gzip(&vec![0u8; 8 << 20]);
    assert!(bomb.len() < 16 << 10);
    let limit = 64 << 10;
    let (result, peak) = peak_during(|| unpack_gzip(&bomb, limit));
    assert!(result.is_err());
    assert!(peak <= limit, "{peak} bytes held for a {limit}-byte limit");

    // Through a reader's budget, with the payload in a gzip_packed.
    let mut packed = Vec::new();
    write_gzip_packed(&mut packed, &bomb);
    let (result, peak) = peak_during(|| {
        let mut reader = Reader::new(&packed).with_gzip_limit(limit);
        Query::deserialize(&mut reader)
    });
    assert!(result.is_err());
    assert!(
        peak <= limit + 1024,
        "{peak} bytes held for a {limit}-byte budget"
    );
}
