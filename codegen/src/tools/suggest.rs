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
    let entries = model.handles().map(|at| {
        let wire_name = match model.entry(at) {
            Entry::Ctor(c) if c.tl_name != c.ir.name => Some(c.tl_name),
            _ => None,
        };
        ((model.json_name(at), at), wire_name)
    });
    // Only names that reach their entry when typed back (asked of the few
    // nearest only: a lookup costs more than a comparison).
    let reaches = |(json_name, at): &(Cow<'a, str>, _)| model.named(json_name) == Some(*at);
    nearest(name, entries, reaches)
        .into_iter()
        .map(|(json_name, _)| json_name)
        .collect()
}

/// The fields of `fields` nearest to `name`, by the measure of
/// [`nearest_names`], in the order given.
pub(crate) fn nearest_fields<'f>(
    fields: impl IntoIterator<Item = &'f str>,
    name: &str,
) -> Vec<&'f str> {
    nearest(name, fields.into_iter().map(|f| (f, None)), |_| true)
}

/// Something a name can be compared with.
trait Spelled {
    fn spelling(&self) -> &str;
}

impl Spelled for &str {
    fn spelling(&self) -> &str {
        self
    }
}

impl<T> Spelled for (Cow<'_, str>, T) {
    fn spelling(&self) -> &str {
        &self.0
    }
}

/// The candidates nearest to `name`, each with another spelling that
/// reaches it: every one at the smallest distance that `accept` takes, in
/// the order given, at most `MAX_SUGGESTIONS`.
fn nearest<'w, N: Spelled>(
    name: &str,
    candidates: impl Iterator<Item = (N, Option<&'w str>)>,
    accept: impl Fn(&N) -> bool,
) -> Vec<N> {
    if name.is_empty() || name.len() > MAX_SUGGESTED_LEN {
        return Vec::new();
    }
    let wanted = name.as_bytes();
    let limit = allowed(wanted);
    let mut best = limit + 1;
    let mut found: Vec<N> = Vec::new();
    for (candidate, other) in candidates {
        let cap = (best + 1).min(limit + 1);
        let distance = std::iter::once(candidate.spelling())
            .chain(other)
            .map(|spelling| name_distance(wanted, spelling.as_bytes(), cap))
            .min()
            .unwrap_or(cap);
        if distance > best || distance > limit || !accept(&candidate) {
            continue;
        }
        if distance < best {
            best = distance;
            found.clear();
        }
        if found.len() < MAX_SUGGESTIONS {
            found.push(candidate);
        }
    }
    found
}

/// The distance from `wanted` to `candidate`: to the whole name, or one
/// more than between the parts after the last `.` when those are within
/// their own [`allowed`] distance; any value of `cap` or more means "too
/// far".
fn name_distance(wanted: &[u8], candidate: &[u8], cap: usize) -> usize {
    let whole = bounded_distance(wanted, candidate, cap);
    let local = |s: &'_ [u8]| -> usize { s.iter().rposition(|&b| b == b'.').map_or(0, |i| i + 1) };
    let (wanted_local, candidate_local) =
        (&wanted[local(wanted)..], &candidate[local(candidate)..]);
    let neither_qualified =
        wanted_local.len() == wanted.len() && candidate_local.len() == candidate.len();
    if cap < 2 || whole == 0 || neither_qualified {
        return whole;
    }
    let local_cap = (cap - 1).min(allowed(wanted_local) + 1);
    let local = bounded_distance(wanted_local, candidate_local, local_cap);
    if local >= local_cap {
        return whole;
    }
    whole.min(1 + local)
}

/// How far a suggestion for `name` may be: a quarter of its length, at least
/// 1 and at most [`MAX_DISTANCE`].
fn allowed(name: &[u8]) -> usize {
    (name.len() / 4).clamp(1, MAX_DISTANCE)
}

/// The longest candidate ever compared: longer ones are further than any
/// allowed distance from a name of at most [`MAX_SUGGESTED_LEN`].
const MAX_COMPARED_LEN: usize = MAX_SUGGESTED_LEN + MAX_DISTANCE + 1;

/// The optimal-string-alignment distance between `a` and `b`, ASCII case
/// ignored, or `cap` when it is `cap` or more. Lengths further apart than
/// that are not compared; only cells within `cap` of the diagonal are
/// computed (the others are at least `cap`); the comparison ends once no
/// cell of a row can lead below `cap` (a cell derives from the row before
/// at no cost, or from the one before that at cost 1).
fn bounded_distance(a: &[u8], b: &[u8], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) >= cap || b.len() > MAX_COMPARED_LEN {
        return cap;
    }
    let same = |x: u8, y: u8| x.eq_ignore_ascii_case(&y);
    let m = b.len();
    let far = u8::try_from(cap).unwrap_or(u8::MAX);
    let capped = |d: usize| u8::try_from(d.min(cap)).unwrap_or(u8::MAX);
    // Three rows of the table: two back (for swaps), the last, this one.
    let mut before = [far; MAX_COMPARED_LEN + 1];
    let mut last = [far; MAX_COMPARED_LEN + 1];
    let mut row = [far; MAX_COMPARED_LEN + 1];
    for (j, cell) in last.iter_mut().enumerate().take(m + 1) {
        *cell = capped(j);
    }
    let mut last_smallest: u8 = 0;
    for i in 1..=a.len() {
        row[..=m].fill(far);
        row[0] = capped(i);
        let mut smallest = row[0];
        for j in i.saturating_sub(cap).max(1)..=(i + cap).min(m) {
            let cost = u8::from(!same(a[i - 1], b[j - 1]));
            let mut d = last[j]
                .saturating_add(1)
                .min(row[j - 1].saturating_add(1))
                .min(last[j - 1].saturating_add(cost));
            if i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) {
                d = d.min(before[j - 2].saturating_add(1));
            }
            row[j] = d.min(far);
            smallest = smallest.min(row[j]);
        }
        if smallest >= far && last_smallest.saturating_add(1) >= far {
            return cap;
        }
        last_smallest = smallest;
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    usize::from(last[m]).min(cap)
}

#[cfg(test)]
mod tests {
    use super::bounded_distance;

    #[test]
    fn edit_distance_counts_each_kind_of_edit_once() {
        let d = |a: &str, b: &str| bounded_distance(a.as_bytes(), b.as_bytes(), 10);
        assert_eq!(d("SENDmessage", "sendMessage"), 0);
        assert_eq!(d("sendMessage", "sendMessage"), 0);
        assert_eq!(d("sendMesage", "sendMessage"), 1);
        assert_eq!(d("sendMessagee", "sendMessage"), 1);
        assert_eq!(d("sendMassage", "sendMessage"), 1);
        assert_eq!(d("sendMesasge", "sendMessage"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("ca", "abc"), 3);
        // Capped: anything at or past the cap is the cap.
        assert_eq!(bounded_distance(b"abcdef", b"uvwxyz", 2), 2);
        assert_eq!(bounded_distance(b"abcdef", b"uvwxyz", 1000), 6);
        assert_eq!(bounded_distance(b"ab", b"ba", 1), 1);
        assert_eq!(bounded_distance(b"a", b"abcdefgh", 3), 3);
    }
}
