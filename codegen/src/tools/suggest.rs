//! "Did you mean": the names of the loaded schemas nearest to a name that
//! names nothing.
//!
//! Work is bounded whatever the input: a name longer than
//! [`MAX_SUGGESTED_LEN`] gets no suggestion, every candidate whose length
//! differs by more than the allowed distance is skipped without a
//! comparison, and each comparison stops once its distance exceeds the
//! allowed one (at most [`MAX_DISTANCE`]).

use std::borrow::Cow;

use super::ApiIndex;
use crate::model::Entry;

/// The longest name a suggestion is looked for (bytes): no TL name comes
/// near it, and it bounds the work per candidate.
pub const MAX_SUGGESTED_LEN: usize = 128;

/// The largest edit distance a suggestion may have.
pub const MAX_DISTANCE: usize = 4;

/// How many names a suggestion lists at most.
pub const MAX_SUGGESTIONS: usize = 5;

/// The names nearest to `name`, as the JSON form's `"_"` takes them (each
/// one names its entry when typed), in model order: every name at the
/// smallest distance found, at most `MAX_SUGGESTIONS`; none when nothing
/// is within reach. Deterministic: the same model and name give the same
/// list.
///
/// The distance is the optimal-string-alignment edit distance (insert,
/// delete, replace, swap two neighbours), case-insensitive, to the JSON
/// name or, for a secret-chat constructor, to the wire name it shares with
/// its other layers (`decryptedMessage` reaches every `decryptedMessage_N`).
/// A name's part after its last `.` also counts, one step further away
/// (`getConfig` reaches `help.getConfig`) when those parts are near by the
/// same measure. Allowed: a quarter of the length, at least 1 and at most
/// `MAX_DISTANCE`.
pub fn nearest_names<'a>(model: &ApiIndex<'a>, name: &str) -> Vec<Cow<'a, str>> {
    let entries = model.handles().filter_map(|at| {
        let json_name = model.json_name(at);
        // Only names that reach their entry when typed back.
        if model.named(&json_name) != Some(at) {
            return None;
        }
        let wire_name = match model.entry(at) {
            Entry::Ctor(c) if c.tl_name != c.ir.name => Some(c.tl_name),
            _ => None,
        };
        Some((json_name, wire_name))
    });
    nearest(name, entries)
}

/// The fields of `fields` nearest to `name`, by the measure of
/// [`nearest_names`], in the order given.
pub(crate) fn nearest_fields<'f>(
    fields: impl IntoIterator<Item = &'f str>,
    name: &str,
) -> Vec<&'f str> {
    nearest(name, fields.into_iter().map(|f| (f, None)))
}

/// The candidates nearest to `name`, each a name and another spelling that
/// reaches it: every one at the smallest distance, in the order given, at
/// most `MAX_SUGGESTIONS`.
fn nearest<'w, N: AsRef<str>>(
    name: &str,
    candidates: impl Iterator<Item = (N, Option<&'w str>)>,
) -> Vec<N> {
    if name.is_empty() || name.len() > MAX_SUGGESTED_LEN {
        return Vec::new();
    }
    let wanted = name.to_ascii_lowercase();
    let limit = allowed(&wanted);
    let mut best = limit + 1;
    let mut found: Vec<N> = Vec::new();
    for (candidate, other) in candidates {
        let distance = std::iter::once(candidate.as_ref())
            .chain(other)
            .map(|spelling| name_distance(&wanted, spelling, (best + 1).min(limit + 1)))
            .min()
            .unwrap_or(usize::MAX);
        if distance < best {
            best = distance;
            found.clear();
        }
        if distance == best && distance <= limit && found.len() < MAX_SUGGESTIONS {
            found.push(candidate);
        }
    }
    found
}

/// The distance from `wanted` (lowercase) to `candidate`: to the whole
/// name, or one more than between the parts after the last `.` when those
/// are within their own [`allowed`] distance; any value of `cap` or more
/// means "too far".
fn name_distance(wanted: &str, candidate: &str, cap: usize) -> usize {
    let candidate = candidate.to_ascii_lowercase();
    let whole = bounded_distance(wanted.as_bytes(), candidate.as_bytes(), cap);
    let local = |s: &str| s.rsplit('.').next().unwrap_or(s).to_owned();
    let (wanted_local, candidate_local) = (local(wanted), local(&candidate));
    if cap < 2 || (wanted_local == wanted && candidate_local == candidate) {
        return whole;
    }
    let local_cap = (cap - 1).min(allowed(&wanted_local) + 1);
    let local = bounded_distance(
        wanted_local.as_bytes(),
        candidate_local.as_bytes(),
        local_cap,
    );
    if local >= local_cap {
        return whole;
    }
    whole.min(1 + local)
}

/// How far a suggestion for `name` may be: a quarter of its length, at least
/// 1 and at most [`MAX_DISTANCE`].
fn allowed(name: &str) -> usize {
    (name.len() / 4).clamp(1, MAX_DISTANCE)
}

/// The optimal-string-alignment distance between `a` and `b`, or `cap` when
/// it is `cap` or more: lengths further apart than that are not compared,
/// and the comparison ends once no cell of a row can lead below `cap` (a
/// cell derives from the row before at no cost, or from the one before
/// that at cost 1).
fn bounded_distance(a: &[u8], b: &[u8], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) >= cap {
        return cap;
    }
    // Three rows of the table: two back (for swaps), the last, this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    let mut last_smallest = 0;
    for i in 1..=a.len() {
        row[0] = i;
        let mut smallest = row[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            smallest = smallest.min(d);
        }
        if smallest >= cap && last_smallest + 1 >= cap {
            return cap;
        }
        last_smallest = smallest;
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    last[b.len()].min(cap)
}

#[cfg(test)]
mod tests {
    use super::bounded_distance;

    #[test]
    fn edit_distance_counts_each_kind_of_edit_once() {
        let d = |a: &str, b: &str| bounded_distance(a.as_bytes(), b.as_bytes(), 10);
        assert_eq!(d("sendMessage", "sendMessage"), 0);
        assert_eq!(d("sendMesage", "sendMessage"), 1);
        assert_eq!(d("sendMessagee", "sendMessage"), 1);
        assert_eq!(d("sendMassage", "sendMessage"), 1);
        assert_eq!(d("sendMesasge", "sendMessage"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("ca", "abc"), 3);
        // Capped: anything at or past the cap is the cap.
        assert_eq!(bounded_distance(b"abcdef", b"uvwxyz", 2), 2);
        assert_eq!(bounded_distance(b"a", b"abcdefgh", 3), 3);
    }
}
