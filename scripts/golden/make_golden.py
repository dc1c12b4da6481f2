#!/usr/bin/env python3
"""Golden TL wire bytes from an independent implementation (Telethon).

Reads a TL schema (the v223 Telegram API schema, and optionally the MTProto
service schema), picks the constructors and methods whose constructor ID and
parameter list also exist in Telethon's generated code, builds deterministic
sample values for them with a seeded PRNG, serializes each with Telethon, and
writes one JSON line per object:

    {"name": "<TL name>", "id": "<8 hex>", "value": <our JSON form>, "hex": "<Telethon bytes>"}

"value" comes from the sample generator here; "hex" comes only from
Telethon's serializer. A small reference encoder in this script re-encodes
"value" against the schema's own definition and any entry where it disagrees
with Telethon is skipped (that means Telethon's definition differs from the
schema's despite the same ID); skips are reported on stderr, never written to
the fixture.

Usage (from the repository root):

    python3 scripts/golden/make_golden.py \\
        --schema ../shared/tl-schemas/TL_telegram_v223.tl \\
        --mtproto-schema ../shared/tl-schemas/TL_mtproto_v1.tl \\
        --out tests/golden

See scripts/golden/README.md.
"""

from __future__ import annotations

import argparse
import base64
import collections
import inspect
import json
import keyword
import random
import re
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import telethon
from telethon.tl.alltlobjects import LAYER as TELETHON_LAYER
from telethon.tl.alltlobjects import tlobjects

EXPECTED_TELETHON = "1.43.2"

# --------------------------------------------------------------------------
# Minimal TL schema reader
# --------------------------------------------------------------------------

PRIMITIVES = {"int", "long", "double", "string", "bytes", "int128", "int256", "Bool", "true"}
ENTRY_RE = re.compile(r"^([A-Za-z_][\w.]*)(?:#([0-9a-fA-F]{1,8}))?\s*(.*?)\s*=\s*([^;]+);\s*$")


@dataclass
class Param:
    name: str
    ty: str  # TL type without the flag prefix; "#" for a flags word
    flag: Optional[tuple[str, int]] = None  # (flags field, bit)

    @property
    def is_flags_word(self) -> bool:
        return self.ty == "#"


@dataclass
class Def:
    name: str
    id: Optional[int]
    params: list[Param]
    result: str
    method: bool
    schema: str  # which schema file
    generic: bool = False  # has {X:Type}

    def flag_fields(self) -> set[str]:
        return {p.name for p in self.params if p.is_flags_word}


def parse_schema(path: Path, tag: str) -> list[Def]:
    defs = []
    method = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        if line == "---functions---":
            method = True
            continue
        if line == "---types---":
            method = False
            continue
        m = ENTRY_RE.match(line)
        if not m:
            raise SystemExit(f"{path}: cannot parse {line!r}")
        name, cid, body, result = m.groups()
        params = []
        generic = False
        for tok in body.split():
            if tok.startswith("{"):
                generic = True
                continue
            if tok in ("#", "[", "]", "t"):
                # only `vector {t:Type} # [ t ]`
                params = None
                break
            pname, _, pty = tok.partition(":")
            flag = None
            fm = re.match(r"^(\w+)\.(\d+)\?(.+)$", pty)
            if fm:
                flag = (fm.group(1), int(fm.group(2)))
                pty = fm.group(3)
            params.append(Param(pname, pty, flag))
        if params is None:
            continue  # the vector constructor itself
        defs.append(Def(name, int(cid, 16) if cid else None, params, result.strip(), method, tag, generic))
    return defs


def vector_inner(ty: str) -> Optional[tuple[bool, str]]:
    """(boxed, element type) for Vector<T> / vector<T>."""
    m = re.match(r"^([Vv])ector<(.+)>$", ty)
    if not m:
        return None
    return (m.group(1) == "V", m.group(2))


def is_bare(ty: str) -> bool:
    if ty.startswith("%"):
        return True
    last = ty.rsplit(".", 1)[-1]
    return ty not in PRIMITIVES and last[:1].islower()


# --------------------------------------------------------------------------
# Telethon side
# --------------------------------------------------------------------------


def raw_class(cls):
    """The generated class behind a patched one (telethon.tl.patched)."""
    for c in cls.__mro__:
        mod = c.__module__
        if mod.startswith("telethon.tl.types") or mod.startswith("telethon.tl.functions"):
            return c
    return cls


def telethon_params(cls) -> list[str]:
    if "__init__" not in vars(cls):
        return []
    names = list(inspect.signature(cls.__init__).parameters)[1:]
    return [n for n in names if n not in ("args", "kwargs")]


def telethon_name(pname: str, sig: list[str]) -> Optional[str]:
    """Telethon renames `self` -> `is_self` and Python keywords -> `from_`."""
    for cand in (pname, "is_" + pname, pname + "_"):
        if cand in sig:
            return cand
    return None


# --------------------------------------------------------------------------
# Independent reference encoder over the schema's definitions (cross-check)
# --------------------------------------------------------------------------


def tl_bytes(data: bytes) -> bytes:
    n = len(data)
    if n < 254:
        out = bytes([n]) + data
    else:
        out = bytes([254]) + n.to_bytes(3, "little") + data
    return out + b"\0" * (-len(out) % 4)


class RefEncoder:
    def __init__(self, by_name: dict[str, Def]):
        self.by_name = by_name

    def obj(self, value: dict, bare: bool = False) -> bytes:
        d = self.by_name[value["_"]]
        out = b"" if bare else struct.pack("<I", d.id)
        words: dict[str, int] = {}
        for p in d.params:
            if p.flag and p.name in value:
                words[p.flag[0]] = words.get(p.flag[0], 0) | (1 << p.flag[1])
        for p in d.params:
            if p.is_flags_word:
                out += struct.pack("<I", words.get(p.name, 0))
                continue
            if p.flag and p.name not in value:
                continue
            if p.ty == "true":
                continue
            out += self.enc(p.ty, value[p.name])
        return out

    def enc(self, ty: str, v: Any) -> bytes:
        if ty == "int":
            return struct.pack("<i", v)
        if ty == "long":
            return struct.pack("<q", v)
        if ty == "double":
            v = {"Infinity": INF, "-Infinity": -INF, "NaN": float("nan")}.get(v, v)
            return struct.pack("<d", v)
        if ty in ("int128", "int256"):
            return bytes.fromhex(v)
        if ty == "string":
            return tl_bytes(v.encode("utf-8"))
        if ty == "bytes":
            return tl_bytes(base64.b64decode(v["bytes"]))
        if ty == "Bool":
            return struct.pack("<I", 0x997275B5 if v else 0xBC799737)
        vi = vector_inner(ty)
        if vi:
            boxed, inner = vi
            head = struct.pack("<I", 0x1CB5C415) if boxed else b""
            return head + struct.pack("<i", len(v)) + b"".join(self.enc(inner, x) for x in v)
        return self.obj(v, bare=is_bare(ty))


# --------------------------------------------------------------------------
# Sample values
# --------------------------------------------------------------------------

I32_MIN, I32_MAX = -(2**31), 2**31 - 1
I64_MIN, I64_MAX = -(2**63), 2**63 - 1
# Doubles with short exact decimal forms (any JSON reader parses them exactly).
DOUBLES = [0.0, -0.5, 1.25, -273.15, 3.5e10, 0.1, 1234.5678, -98765.4321, 1e-05, -2.0, 6.25e-3, 42.0]
STRINGS = [
    "",
    "hello",
    "Привет, мир",
    "日本語テキスト",
    "emoji 👍🏽🎉",
    "mixed ümlaut ß Ωμέγα",
    "tab\tnew\nline \"quoted\" \\ back",
    "👨‍👩‍👧‍👦 family",
]
INF = INFINITY = float("inf")
MAX_DEPTH = 5  # object nesting levels in one sample


class Unbuildable(Exception):
    pass


@dataclass
class Sample:
    json: Any
    tele: Any


@dataclass
class Stats:
    bytes_lens: collections.Counter = field(default_factory=collections.Counter)


class Generator:
    def __init__(self, defs: dict[str, Def], ctors_of: dict[str, list[Def]], methods: list[Def]):
        self.defs = defs
        self.ctors_of = ctors_of
        self.methods = methods
        self.height: dict[str, float] = {}
        self._heights()

    # -- heights: the fewest object levels a value of an entry needs --------
    def _type_height(self, ty: str) -> float:
        if ty in PRIMITIVES or ty == "#":
            return 0
        vi = vector_inner(ty)
        if vi:
            return 0  # may be empty
        if ty == "!X":
            return min((self.height.get(m.name, INF) for m in self.methods), default=INF)
        if is_bare(ty) or ty in ("X", "Object"):
            return INF
        return min((self.height.get(c.name, INF) for c in self.ctors_of.get(ty, [])), default=INF)

    def _heights(self):
        changed = True
        while changed:
            changed = False
            for d in self.defs.values():
                h = 1 + max(
                    [self._type_height(p.ty) for p in d.params if not p.flag and not p.is_flags_word] or [0]
                )
                if h < self.height.get(d.name, INF):
                    self.height[d.name] = h
                    changed = True

    def fits(self, ty: str, budget: int) -> bool:
        vi = vector_inner(ty)
        if vi:
            return True
        return self._type_height(ty) <= budget

    # -- primitives ---------------------------------------------------------
    def int_(self, rng) -> int:
        r = rng.random()
        if r < 0.45:
            return rng.randint(0, 1000)
        if r < 0.65:
            return rng.randint(-100000, -1)
        if r < 0.75:
            return rng.choice([I32_MIN, I32_MAX, -1, 0])
        return rng.randint(I32_MIN, I32_MAX)

    def long_(self, rng) -> int:
        r = rng.random()
        if r < 0.3:
            return rng.randint(0, 10**6)
        if r < 0.45:
            return rng.randint(-(10**12), -1)
        if r < 0.6:
            return rng.choice([I64_MIN, I64_MAX, -1, 0])
        return rng.randint(I64_MIN, I64_MAX)

    def string_(self, rng) -> str:
        r = rng.random()
        if r < 0.6:
            return rng.choice(STRINGS)
        if r < 0.95:
            return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(rng.randint(1, 16)))
        # a long string around the length-prefix boundary in UTF-8 bytes
        return "é" * rng.choice([126, 127, 150])

    def bytes_(self, rng, lengths=None) -> bytes:
        n = rng.choice(lengths or [0, 1, 2, 3, 4, 5, 8, 16])
        return bytes(rng.randrange(256) for _ in range(n))

    # -- values -------------------------------------------------------------
    def value(self, ty: str, rng, depth: int, ctx: "Ctx") -> Sample:
        if ty == "int":
            v = self.int_(rng)
            return Sample(v, v)
        if ty == "long":
            v = self.long_(rng)
            return Sample(v, v)
        if ty == "double":
            v = rng.choice(DOUBLES)
            return Sample(v, v)
        if ty in ("int128", "int256"):
            n = 16 if ty == "int128" else 32
            raw = bytes(rng.randrange(256) for _ in range(n))
            return Sample(raw.hex(), int.from_bytes(raw, "little", signed=True))
        if ty == "string":
            v = self.string_(rng)
            return Sample(v, v)
        if ty == "bytes":
            v = self.bytes_(rng, ctx.bytes_lengths)
            return Sample({"_": "bytes", "bytes": base64.b64encode(v).decode()}, v)
        if ty == "Bool":
            v = rng.random() < 0.5
            return Sample(v, v)
        vi = vector_inner(ty)
        if vi:
            boxed, inner = vi
            if not boxed:
                raise Unbuildable(f"bare vector {ty}")
            budget = MAX_DEPTH - depth
            if not self.fits(inner, budget):
                n = 0
            else:
                n = rng.choice([0, 1, 1, 2, 2, 3]) if depth < 3 else rng.choice([0, 1])
                if ctx.nonempty_vectors and depth <= 1:
                    n = max(n, 1)
            items = [self.value(inner, rng, depth, ctx) for _ in range(n)]
            return Sample([s.json for s in items], [s.tele for s in items])
        if ty == "!X":
            budget = MAX_DEPTH - depth
            pool = [m for m in self.methods if self.height.get(m.name, INF) <= budget]
            if not pool:
                raise Unbuildable("no method fits under !X")
            return self.object(rng.choice(pool), rng, depth + 1, ctx, mode="random")
        if is_bare(ty) or ty in ("X", "Object"):
            raise Unbuildable(f"type {ty}")
        budget = MAX_DEPTH - depth
        pool = [c for c in self.ctors_of.get(ty, []) if self.height.get(c.name, INF) <= budget]
        if not pool:
            raise Unbuildable(f"no common constructor of {ty} fits")
        return self.object(rng.choice(pool), rng, depth + 1, ctx, mode="random")

    def object(self, d: Def, rng, depth: int, ctx: "Ctx", mode: str) -> Sample:
        """mode: 'all' (every flag bit set), 'none' (no bit), 'random'."""
        cls = ctx.classes[d.name]
        sig = telethon_params(cls)
        budget = MAX_DEPTH - depth
        # Decide each flag bit once: every field on a set bit is present
        # (shared bits: Telethon asserts all-or-none), true fields are True.
        bits: dict[tuple[str, int], bool] = {}
        for p in d.params:
            if not p.flag or p.flag in bits:
                continue
            same_bit = [q for q in d.params if q.flag == p.flag]
            possible = all(self.fits(q.ty, budget) for q in same_bit)
            if mode == "all":
                on = possible
            elif mode == "none":
                on = False
            else:
                on = possible and rng.random() < (0.55 if depth <= 2 else 0.25)
            bits[p.flag] = on
        js: dict[str, Any] = {"_": d.name}
        kwargs: dict[str, Any] = {}
        for p in d.params:
            if p.is_flags_word:
                continue
            tname = telethon_name(p.name, sig)
            if tname is None:
                raise Unbuildable(f"{d.name}: Telethon has no param {p.name}")
            if p.flag and not bits[p.flag]:
                continue
            if p.ty == "true":
                js[p.name] = True
                kwargs[tname] = True
                continue
            override = ctx.overrides.get((d.name, p.name)) if depth == ctx.top_depth else None
            if override is not None:
                s = override
            else:
                s = self.value(p.ty, rng, depth, ctx)
            js[p.name] = s.json
            kwargs[tname] = s.tele
        for tname in sig:
            kwargs.setdefault(tname, None)
        obj = cls(**kwargs)
        # Telethon fills some params itself (random_id): refuse silently changed values.
        for tname, v in kwargs.items():
            if getattr(obj, tname, None) is not v:
                raise Unbuildable(f"{d.name}: Telethon changed param {tname} in __init__")
        return Sample(js, obj)


@dataclass
class Ctx:
    classes: dict[str, Any]
    bytes_lengths: Optional[list[int]] = None
    nonempty_vectors: bool = False
    overrides: dict = field(default_factory=dict)
    top_depth: int = 1


# --------------------------------------------------------------------------
# Coverage of one JSON value
# --------------------------------------------------------------------------


def walk_cov(value, defs: dict[str, Def], cov: collections.Counter, depth=0) -> int:
    """Counts features; returns the object nesting depth of `value`."""
    if isinstance(value, dict):
        if value.get("_") == "bytes":
            n = len(base64.b64decode(value["bytes"]))
            cov[f"bytes_len_{n}" if n in (0, 1, 253, 254, 255, 300) else "bytes_other"] += 1
            if n >= 254:
                cov["bytes_len>=254"] += 1
            return 0
        d = defs[value["_"]]
        cov["method" if d.method else "constructor"] += 1
        words = {p.name for p in d.params if p.is_flags_word}
        set_bits = collections.Counter()
        for p in d.params:
            if p.flag and p.name in value:
                set_bits[p.flag[0]] += 1
        for w in words:
            if set_bits[w] == 0:
                cov["flags_none_set"] += 1
            elif set_bits[w] >= 3:
                cov["flags_several_set"] += 1
            if w == "flags2" and set_bits[w]:
                cov["flags2_set"] += 1
        by_bit = collections.Counter(p.flag for p in d.params if p.flag and p.name in value)
        if any(n > 1 for n in by_bit.values()):
            cov["shared_bit_set"] += 1
        deepest = 0
        for p in d.params:
            if p.name not in value:
                continue
            v = value[p.name]
            if p.ty == "true":
                cov["true_flag"] += 1
            elif p.ty == "double":
                cov["double"] += 1
                if isinstance(v, str):
                    cov["double_non_finite"] += 1
                elif v < 0 and v != int(v):
                    cov["double_negative_fractional"] += 1
            elif p.ty in ("int128", "int256"):
                cov[p.ty] += 1
            elif p.ty == "long" and v in (I64_MIN, I64_MAX):
                cov["long_extreme"] += 1
            elif p.ty == "int" and v < 0:
                cov["int_negative"] += 1
            elif p.ty == "string" and any(ord(c) > 0xFFFF for c in v):
                cov["string_emoji"] += 1
            elif p.ty == "string" and any(ord(c) > 127 for c in v):
                cov["string_non_ascii"] += 1
            vi = vector_inner(p.ty)
            if vi:
                inner = vi[1]
                kind = inner if inner in PRIMITIVES else "objects"
                cov[f"vector_{kind}_{'empty' if not v else 'nonempty'}"] += 1
            deepest = max(deepest, walk_cov(v, defs, cov, depth + 1))
        return 1 + deepest
    if isinstance(value, list):
        return max((walk_cov(x, defs, cov, depth) for x in value), default=0)
    return 0


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

# Entries always sampled (coverage: flags2, shared bits, deep nesting, !X,
# Vector<bytes>, int256, doubles).
FORCED = [
    "message", "messageService", "user", "channel", "channelFull", "chatFull", "userFull",
    "messages.sendMessage", "messages.sendMedia", "messages.forwardMessages",
    "invokeWithLayer", "initConnection", "invokeAfterMsgs", "invokeWithoutUpdates",
    "upload.saveFilePart", "upload.saveBigFilePart", "inputCheckPasswordSRP",
    "phone.joinGroupCall", "phone.createConferenceCall",
    "inputMediaPoll", "updateMessagePollVote", "updateGroupCallChainBlocks",
    "replyInlineMarkup", "keyboardButtonRow", "messages.editMessage",
    "inputMediaGeoPoint", "inputGeoPoint", "geoPoint", "inputMediaVenue",
    "jsonObject", "jsonArray", "jsonNumber", "jsonObjectValue",
    "pageBlockCover", "textBold", "textConcat", "inputPeerUser", "inputPeerChannelFromMessage",
    "messages.getHistory", "updates.getDifference", "help.getConfig", "auth.sendCode",
    "messageMediaGeoLive", "statsGraph", "statsAbsValueAndPrev", "statsPercentValue",
    "account.updateProfile", "contacts.importContacts", "messages.search",
]
SAMPLE_REST = 600  # further entries drawn with the seeded PRNG
SEED = 223


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schema", required=True, type=Path, help="TL_telegram_v223.tl")
    ap.add_argument("--mtproto-schema", type=Path, help="TL_mtproto_v1.tl (int128 coverage)")
    ap.add_argument("--out", type=Path, default=Path("tests/golden"))
    ap.add_argument("--allow-other-telethon", action="store_true")
    ap.add_argument("--sample-rest", type=int, default=SAMPLE_REST,
                    help="how many further entries to draw (default %(default)s; more for a one-off wide check)")
    ap.add_argument("--seed", type=int, default=SEED, help="PRNG seed (default %(default)s)")
    args = ap.parse_args()

    if telethon.__version__ != EXPECTED_TELETHON and not args.allow_other_telethon:
        raise SystemExit(f"telethon {telethon.__version__} installed, {EXPECTED_TELETHON} pinned (requirements.txt)")

    skips: collections.Counter = collections.Counter()
    skip_examples: dict[str, list[str]] = collections.defaultdict(list)

    def skip(reason: str, name: str):
        skips[reason] += 1
        if len(skip_examples[reason]) < 8:
            skip_examples[reason].append(name)

    main_defs = parse_schema(args.schema, "main")
    mt_defs = parse_schema(args.mtproto_schema, "mtproto") if args.mtproto_schema else []

    # Which entries Telethon has with the same definition.
    common: dict[str, Def] = {}
    classes: dict[str, Any] = {}
    for d in main_defs + mt_defs:
        if d.id is None:
            skip("no constructor ID in the schema", d.name)
            continue
        if d.name in ("boolTrue", "boolFalse", "true", "vector", "null", "error"):
            skip("built-in (Bool/true/vector/null/error)", d.name)
            continue
        cls = tlobjects.get(d.id)
        if cls is None:
            skip("ID not in Telethon (definition changed by layer 223 -> %d or unknown)" % TELETHON_LAYER, d.name)
            continue
        cls = raw_class(cls)
        sig = telethon_params(cls)
        mapped = []
        for p in d.params:
            if p.is_flags_word:
                continue
            mapped.append(telethon_name(p.name, sig))
        if None in mapped or sorted(mapped) != sorted(sig):
            skip("same ID but Telethon's params differ", d.name)
            continue
        if d.name in common:
            skip("duplicate name across schemas", d.name)
            continue
        common[d.name] = d
        classes[d.name] = cls

    ctors_of: dict[str, list[Def]] = collections.defaultdict(list)
    methods: list[Def] = []
    for d in common.values():
        if d.method:
            if not d.generic:
                methods.append(d)
        else:
            ctors_of[d.result].append(d)
    gen = Generator(common, ctors_of, methods)
    ref = RefEncoder(common)

    # Selection.
    main_names = sorted(n for n, d in common.items() if d.schema == "main")
    chosen: list[str] = []
    seen = set()

    def choose(name):
        if name in common and name not in seen:
            seen.add(name)
            chosen.append(name)

    for n in FORCED:
        if n not in common:
            print(f"note: forced entry {n} not available", file=sys.stderr)
        choose(n)

    def interesting(d: Def) -> bool:
        tys = {p.ty for p in d.params}
        flags = [p.flag for p in d.params if p.flag]
        return bool(
            "flags2" in d.flag_fields()
            or tys & {"double", "int128", "int256", "bytes", "Vector<bytes>", "Vector<string>", "Vector<double>"}
            or len(flags) != len(set(flags))
        )

    for n in main_names:
        if interesting(common[n]):
            choose(n)
    rng = random.Random(args.seed)
    rest = [n for n in main_names if n not in seen]
    for n in rng.sample(rest, min(args.sample_rest, len(rest))):
        choose(n)
    for n, d in common.items():
        if d.schema == "mtproto":
            choose(n)

    # Variants per entry: (label, mode, ctx overrides).
    lines: dict[str, list[dict]] = {"main": [], "mtproto": []}
    cov = collections.Counter()
    max_depth = 0

    def emit(d: Def, label: str, mode: str, ctx: Ctx, rng) -> None:
        nonlocal max_depth
        try:
            s = gen.object(d, rng, 1, ctx, mode)
        except Unbuildable as e:
            skip(f"unbuildable: {str(e).split(':')[-1].strip()}", f"{d.name}/{label}")
            return
        except (AssertionError, TypeError, ValueError, struct.error) as e:
            skip(f"Telethon refused the value ({type(e).__name__})", f"{d.name}/{label}: {e}")
            return
        try:
            wire = bytes(s.tele)
        except Exception as e:  # Telethon's serializer raising is a skip reason
            skip(f"Telethon could not serialize ({type(e).__name__})", f"{d.name}/{label}: {e}")
            return
        expect = ref.obj(s.json)
        if wire != expect:
            skip("Telethon bytes differ from the schema definition", f"{d.name}/{label}")
            print(f"  differs: {d.name}/{label}\n    telethon {wire.hex()}\n    schema   {expect.hex()}", file=sys.stderr)
            return
        key = json.dumps(s.json, sort_keys=True, ensure_ascii=False)
        if key in emitted:
            return
        emitted.add(key)
        max_depth = max(max_depth, walk_cov(s.json, common, cov))
        lines[d.schema].append({"name": d.name, "id": f"{d.id:08x}", "value": s.json, "hex": wire.hex()})

    emitted: set[str] = set()
    for name in chosen:
        d = common[name]
        rng = random.Random(zlib.crc32(name.encode()) ^ args.seed)
        has_flags = any(p.flag for p in d.params)
        if has_flags:
            emit(d, "all", "all", Ctx(classes, nonempty_vectors=True), rng)
            emit(d, "none", "none", Ctx(classes), rng)
            if name in FORCED or "flags2" in d.flag_fields():
                emit(d, "random", "random", Ctx(classes), rng)
        else:
            emit(d, "random", "random", Ctx(classes, nonempty_vectors=True), rng)
            if any(vector_inner(p.ty) for p in d.params):
                emit(d, "random2", "random", Ctx(classes), rng)

    # Targeted variants: length-prefix boundaries, integer extremes, doubles.
    def ov(d: str, **fields) -> dict:
        return {(d, k): v for k, v in fields.items()}

    def b(n: int, fill: int) -> Sample:
        v = bytes((fill + i) % 256 for i in range(n))
        return Sample({"_": "bytes", "bytes": base64.b64encode(v).decode()}, v)

    targeted = []
    for n in (0, 1, 2, 3, 4, 253, 254, 255, 256, 300, 1000):
        targeted.append(("upload.saveFilePart", f"bytes{n}", ov("upload.saveFilePart", bytes=b(n, n))))
    for n in (253, 254):
        targeted.append(("inputCheckPasswordSRP", f"A{n}", ov("inputCheckPasswordSRP", A=b(n, 7), M1=b(300 - n, 9))))
    for i, (x, y) in enumerate([(I64_MIN, I64_MAX), (I64_MAX, I64_MIN), (-1, 0)]):
        targeted.append(("inputPeerUser", f"long{i}", ov("inputPeerUser", user_id=Sample(x, x), access_hash=Sample(y, y))))
    for i, (x, y) in enumerate([(I32_MIN, I32_MAX), (-1, -2)]):
        targeted.append(("messages.getHistory", f"int{i}", ov("messages.getHistory", offset_id=Sample(x, x), add_offset=Sample(y, y))))
    for i, v in enumerate([-0.0, INF, -INF, 5e-324, 1.7976931348623157e308, -123.456]):
        js = {INF: "Infinity", -INF: "-Infinity"}.get(v, v)
        targeted.append(("jsonNumber", f"double{i}", ov("jsonNumber", value=Sample(js, v))))
    for i, s in enumerate(["é" * 126 + "x", "é" * 127, "€" * 84 + "ab", "🎉" * 75]):
        targeted.append(("messages.search", f"str{i}", ov("messages.search", q=Sample(s, s))))
    for name, label, overrides in targeted:
        if name not in common:
            print(f"note: targeted entry {name} not available", file=sys.stderr)
            continue
        rng = random.Random(zlib.crc32((name + label).encode()) ^ args.seed)
        emit(common[name], label, "random", Ctx(classes, overrides=overrides), rng)

    args.out.mkdir(parents=True, exist_ok=True)
    files = {"main": args.out / "telethon_v223.jsonl", "mtproto": args.out / "telethon_mtproto_v1.jsonl"}
    for tag, path in files.items():
        if tag == "mtproto" and not args.mtproto_schema:
            continue
        with path.open("w", encoding="utf-8") as f:
            for line in lines[tag]:
                f.write(json.dumps(line, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n")

    # Summary.
    out = sys.stderr
    print(f"telethon {telethon.__version__}, API layer {TELETHON_LAYER}", file=out)
    print(f"schema entries: {len(main_defs)} main, {len(mt_defs)} mtproto; same ID+params in Telethon: {len(common)}", file=out)
    for tag, path in files.items():
        ls = lines[tag]
        if not ls:
            continue
        print(f"{path}: {len(ls)} objects, {len({l['name'] for l in ls})} names, "
              f"{path.stat().st_size} bytes", file=out)
    print(f"max object nesting depth: {max_depth}", file=out)
    print("coverage:", file=out)
    for k in sorted(cov):
        print(f"  {k}: {cov[k]}", file=out)
    print("skipped:", file=out)
    for reason, n in skips.most_common():
        print(f"  {n:5d}  {reason}  e.g. {', '.join(skip_examples[reason][:5])}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
