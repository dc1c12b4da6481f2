//! tlgen-runtime wire encode/decode beside a memcpy floor measured in the same run.
//!
//! `cargo bench -p tlgen-benches --bench runtime_wire`
//!
//! Each group has a `floor` (copying the same number of bytes into a
//! pre-sized `Vec`) and `tlgen-runtime` (the real encoder/decoder):
//!
//! * `encode/*`: both append into a reused buffer that already has the
//!   capacity (`clear()` then write), so only the writing is measured.
//! * `decode/*`: both produce a fresh `Vec` (decoding has to allocate the
//!   value it returns): the floor is `Vec::with_capacity(n)` +
//!   `extend_from_slice`.
//!
//! Goals: encode within 1.5x of the floor, decode within 2x. After the
//! Criterion output, a summary prints the ratios of the median times.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};
use tlgen_runtime::{wire, Deserialize, Reader, Serialize};

const LONGS: usize = 10_000;
const BLOB: usize = 1 << 20;

fn longs() -> Vec<i64> {
    (0..LONGS as i64)
        .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15_u64 as i64))
        .collect()
}

fn blob() -> Vec<u8> {
    (0..BLOB).map(|i| (i * 31 % 251) as u8).collect()
}

/// The values every group measures: the longs, their vector encoding, the
/// blob and its `bytes` encoding.
struct Inputs {
    values: Vec<i64>,
    encoded: Vec<u8>,
    data: Vec<u8>,
    data_encoded: Vec<u8>,
}

fn inputs() -> Inputs {
    let values = longs();
    let encoded = values.to_bytes();
    let data = blob();
    let mut data_encoded = Vec::new();
    wire::write_bytes(&mut data_encoded, &data);
    Inputs {
        values,
        encoded,
        data,
        data_encoded,
    }
}

/// A pre-sized copy of `src`: the floor for decoding.
fn copy_floor(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len());
    out.extend_from_slice(src);
    out
}

/// Times `write` appending to `buf`, cleared first, with its capacity
/// kept: so only the writing is measured.
fn bench_write(
    group: &mut BenchmarkGroup<'_, WallTime>,
    case: &str,
    side: &str,
    buf: &mut Vec<u8>,
    mut write: impl FnMut(&mut Vec<u8>),
) {
    group.bench_function(BenchmarkId::new(case, side), |b| {
        b.iter(|| {
            buf.clear();
            write(buf);
            black_box(&*buf);
        })
    });
}

fn bench_encode(c: &mut Criterion) {
    let Inputs {
        values,
        encoded,
        data,
        data_encoded,
    } = inputs();

    let mut group = c.benchmark_group("encode");
    let mut buf = Vec::with_capacity(2 * BLOB);

    group.throughput(Throughput::Bytes(encoded.len() as u64));
    bench_write(&mut group, "vector_long_10k", "floor", &mut buf, |buf| {
        buf.extend_from_slice(black_box(&encoded))
    });
    bench_write(
        &mut group,
        "vector_long_10k",
        "tlgen-runtime",
        &mut buf,
        |buf| black_box(&values).serialize(buf),
    );

    group.throughput(Throughput::Bytes(data_encoded.len() as u64));
    bench_write(&mut group, "bytes_1mib", "floor", &mut buf, |buf| {
        buf.extend_from_slice(black_box(&data_encoded))
    });
    bench_write(&mut group, "bytes_1mib", "tlgen-runtime", &mut buf, |buf| {
        wire::write_bytes(buf, black_box(&data))
    });
    group.finish();
}

fn bench_decode(c: &mut Criterion) {
    let Inputs {
        encoded,
        data_encoded,
        ..
    } = inputs();

    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(encoded.len() as u64));
    group.bench_function(BenchmarkId::new("vector_long_10k", "floor"), |b| {
        b.iter(|| copy_floor(black_box(&encoded)))
    });
    group.bench_function(BenchmarkId::new("vector_long_10k", "tlgen-runtime"), |b| {
        b.iter(|| Vec::<i64>::from_bytes(black_box(&encoded)).unwrap())
    });

    group.throughput(Throughput::Bytes(data_encoded.len() as u64));
    group.bench_function(BenchmarkId::new("bytes_1mib", "floor"), |b| {
        b.iter(|| copy_floor(black_box(&data_encoded)))
    });
    group.bench_function(BenchmarkId::new("bytes_1mib", "tlgen-runtime"), |b| {
        b.iter(|| {
            let mut reader = Reader::new(black_box(&data_encoded));
            wire::read_bytes(&mut reader).unwrap()
        })
    });
    group.finish();
}

/// Median time per call of `f`, over `rounds` batches sized to ~2 ms each.
fn median(rounds: usize, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(2) || calls == 0 {
        f();
        calls += 1;
    }
    let mut samples: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed() / calls
        })
        .collect();
    samples.sort();
    samples[rounds / 2]
}

/// The floor/ours ratios, interleaving the two so machine noise hits both.
fn summary(_: &mut Criterion) {
    let Inputs {
        values,
        encoded,
        data,
        data_encoded,
    } = inputs();
    let mut rows = Vec::new();
    let mut pair = |name: &str, goal: f64, floor: &mut dyn FnMut(), ours: &mut dyn FnMut()| {
        let (mut f, mut o) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            f.push(median(21, &mut *floor));
            o.push(median(21, &mut *ours));
        }
        f.sort();
        o.sort();
        let (f, o) = (f[2], o[2]);
        let ratio = o.as_secs_f64() / f.as_secs_f64();
        rows.push(format!(
            "{name:<26} floor {:>10.2?}  tlgen-runtime {:>10.2?}  ratio {ratio:.2}x  (goal <= {goal}x) {}",
            f,
            o,
            if ratio <= goal { "ok" } else { "OVER" }
        ));
    };

    let mut buf_a = Vec::with_capacity(2 * BLOB);
    let mut buf_b = Vec::with_capacity(2 * BLOB);
    pair(
        "encode/vector_long_10k",
        1.5,
        &mut || {
            buf_a.clear();
            buf_a.extend_from_slice(black_box(&encoded));
            black_box(&buf_a);
        },
        &mut || {
            buf_b.clear();
            black_box(&values).serialize(&mut buf_b);
            black_box(&buf_b);
        },
    );
    pair(
        "encode/bytes_1mib",
        1.5,
        &mut || {
            buf_a.clear();
            buf_a.extend_from_slice(black_box(&data_encoded));
            black_box(&buf_a);
        },
        &mut || {
            buf_b.clear();
            wire::write_bytes(&mut buf_b, black_box(&data));
            black_box(&buf_b);
        },
    );
    pair(
        "decode/vector_long_10k",
        2.0,
        &mut || {
            black_box(copy_floor(black_box(&encoded)));
        },
        &mut || {
            black_box(Vec::<i64>::from_bytes(black_box(&encoded)).unwrap());
        },
    );
    pair(
        "decode/bytes_1mib",
        2.0,
        &mut || {
            black_box(copy_floor(black_box(&data_encoded)));
        },
        &mut || {
            black_box(wire::read_bytes(&mut Reader::new(black_box(&data_encoded))).unwrap());
        },
    );
    println!("\nruntime_wire summary (median per call, interleaved runs):");
    for row in rows {
        println!("  {row}");
    }
}

criterion_group!(benches, bench_encode, bench_decode, summary);
criterion_main!(benches);
