//! The docs renderer over hand-written inputs and the shared layers.

use super::*;

fn all(target: &LinkTarget) -> Option<String> {
    let module = match target.kind {
        LinkKind::Method => "functions",
        LinkKind::Constructor => "constructors",
        LinkKind::Type => "types",
    };
    let name: String = target
        .name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    Some(format!("crate::{module}::{name}"))
}

fn none(_: &LinkTarget) -> Option<String> {
    None
}

/// Each case's source renders, with `resolve`, to exactly its expected
/// output.
fn assert_renders(resolve: &dyn Fn(&LinkTarget) -> Option<String>, cases: &[(&str, &str)]) {
    for &(source, expected) in cases {
        assert_eq!(render_docs(source, resolve), expected);
    }
}

#[test]
fn relative_links_become_intra_doc_links() {
    assert_renders(
        &all,
        &[
            (
                "See [InputPeer](../types/InputPeer.md) and [x](../constructors/decryptedMessage\\_17.md).",
                "See [InputPeer](`crate::types::InputPeer`) and [x](crate::constructors::decryptedMessage_17).",
            ),
            (
                "[messages.sendMessage](/API_docs/methods/messages.sendMessage.html#x) »",
                "[messages.sendMessage](crate::functions::messages_sendMessage) »",
            ),
            (
                "[upd](../constructors/updateUserPhoto.md?layer=2)",
                "[upd](crate::constructors::updateUserPhoto)",
            ),
        ],
    );
}

#[test]
fn unresolved_links_keep_their_text() {
    assert_renders(
        &none,
        &[(
            "Use [`Foo\\_bar`](../types/Foo_bar.md) or [index](index.md) or [here](#anchor) or [l2](?layer=2).",
            "Use `Foo\\_bar` or index or here or l2.",
        )],
    );
}

#[test]
fn external_links_and_autolinks_are_kept() {
    assert_renders(
        &none,
        &[
            (
                "[docs](https://core.telegram.org/api/x) <https://google.com> and https://t.me/x.",
                "[docs](https://core.telegram.org/api/x) <https://google.com> and <https://t.me/x>.",
            ),
            (
                "[events](/docs/UPDATES.html#async)",
                "[events](https://docs.madelineproto.xyz/docs/UPDATES.html#async)",
            ),
            ("(see https://a.b/c_(d)).", "(see <https://a.b/c_(d)>)."),
            ("an <email@example.com>.", "an <email@example.com>."),
        ],
    );
}

#[test]
fn html_is_sanitized() {
    assert_renders(
        &none,
        &[
            ("a<br>b <br/>c<br>", "a\\\nb\\\nc"),
            (
                "x <!-- start type --><br>- `app`<br>- `doc`",
                "x\\\n\\- `app`\\\n\\- `doc`",
            ),
            (
                "must end in `_by_<bot_username>`, <bot_username> or <username>",
                "must end in `_by_<bot_username>`, \\<bot_username> or \\<username>",
            ),
            (
                "<del>Strike</del> text, <b>open",
                "<del>Strike</del> text, \\<b>open",
            ),
            (
                "1 &gt; 0 &amp;&amp; a &lt; b, set&amp;true &amp;amp;",
                "1 > 0 && a \\< b, set&true \\&amp;",
            ),
            ("<a name=\"x\"></a>Anchor", "Anchor"),
        ],
    );
}

#[test]
fn brackets_and_markup_are_escaped() {
    assert_renders(
        &none,
        &[
            (
                "[x] and [Vector t] and \\[y\\] a_b _c * d",
                "\\[x\\] and \\[Vector t\\] and \\[y\\] a_b \\_c \\* d",
            ),
            ("**bold** *it* __b__ ~~s~~", "**bold** *it* **b** ~~s~~"),
            (
                "x\n\\- 0 =&gt; a\n\\# b\n1\\. c",
                "x\n\\- 0 => a\n\\# b\n1\\. c",
            ),
        ],
    );
}

#[test]
fn code_blocks_never_become_doctests() {
    assert_renders(
        &none,
        &[
            (
                "Do:\n\n```php\n$x = 1;\n```\n\n    indented();\n\n```\nbare\n```",
                "Do:\n\n```text\n$x = 1;\n```\n\n```text\nindented();\n```\n\n```text\nbare\n```",
            ),
            ("````\n```\n````", "````text\n```\n````"),
        ],
    );
}

#[test]
fn lists_quotes_headings_tables() {
    assert_renders(
        &none,
        &[(
            "# Warning: x\n**Warning**\n\n- 0 =&gt; a\n- 1 [b](../types/B.md)\n\n> quoted\n\n| a | b |\n|---|:-:|\n| `x\\|y` | c<br>d |",
            "# Warning: x\n\n**Warning**\n\n- 0 => a\n- 1 b\n\n> quoted\n\n| a | b |\n| --- | :-: |\n| `x\\|y` | c<br>d |",
        )],
    );
}

#[test]
fn spaced_api_destinations() {
    assert_renders(
        &all,
        &[(
            "[Vector t](/API_docs/types/Vector t.html)",
            "[Vector t](crate::types::Vector_t)",
        )],
    );
}

#[test]
fn classify_destinations() {
    let t = |kind, name: &str| {
        Some(LinkTarget {
            kind,
            name: name.to_owned(),
        })
    };
    for (destination, expected) in [
        ("../types/InputPeer.md", t(LinkKind::Type, "InputPeer")),
        (
            "/API_docs/types/long|string.html",
            t(LinkKind::Type, "long|string"),
        ),
        (
            "https://docs.madelineproto.xyz/API_docs/methods/a.b.html",
            t(LinkKind::Method, "a.b"),
        ),
        ("Update.md", t(LinkKind::Type, "Update")),
        (
            "messages.BotCallbackAnswer.md",
            t(LinkKind::Type, "messages.BotCallbackAnswer"),
        ),
        (
            "keyboardButton.html",
            t(LinkKind::Constructor, "keyboardButton"),
        ),
        ("../../docs/FILES.md", None),
        ("https://core.telegram.org/api", None),
    ] {
        assert_eq!(link_target(destination), expected);
    }
}

#[test]
fn idempotent_on_samples() {
    for src in [
        "a<br><br>b\n\n- x\n  - y\n- z\n\n1. one\n2. two",
        "**Warning: this, **which can lead to !!! BANS !!!**, please**",
        "`` a`b `` and ``` `` ``` x\n\n> - q\n>   more",
        "- a\n\n  b\n- c",
        "- a\n\n* b",
    ] {
        let once = render_docs(src, &all);
        assert_eq!(render_docs(&once, &all), once, "source: {src:?}");
    }
}

/// Every description in the shared docs: the prose under each page's back
/// link and every table cell, roughly cut out.
fn shared_descriptions(docs: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for layer in ["v65", "v66", "v223"] {
        for folder in ["methods", "constructors", "types"] {
            let Ok(entries) = std::fs::read_dir(docs.join(layer).join(folder)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                if matches!(stem, "index" | "README" | "api_index" | "api_README") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let origin = path.display().to_string();
                let mut prose = Vec::new();
                let mut state = 0;
                for line in text.lines() {
                    match state {
                        0 if line.starts_with("[Back to") => state = 1,
                        1 if line.starts_with("### ") || line.starts_with("## ") => state = 2,
                        1 => prose.push(line),
                        _ => {}
                    }
                    if line.starts_with('|') && !line.starts_with("|--") {
                        let mut cell = String::new();
                        let mut prev = ' ';
                        for c in line[1..].chars() {
                            if c == '|' && prev != '\\' {
                                out.push((
                                    origin.clone(),
                                    std::mem::take(&mut cell).trim().to_owned(),
                                ));
                            } else {
                                cell.push(c);
                            }
                            prev = c;
                        }
                    }
                }
                out.push((origin, prose.join("\n")));
            }
        }
    }
    out.retain(|(_, text)| !text.trim().is_empty());
    out
}

/// Checks what rustdoc would see in rendered docs.
fn check_rendered(origin: &str, source: &str, out: &str) {
    let ctx = format!("{origin}\nsource: {source:?}\noutput: {out:?}");
    assert!(
        !out.contains("](../") && !out.contains(".md)") && !out.contains("](/API_docs"),
        "{ctx}"
    );
    for line in out.lines() {
        assert!(line.starts_with('|') || !line.contains("<br>"), "{ctx}");
    }
    let mut broken = Vec::new();
    let mut callback = |link: pulldown_cmark::BrokenLink<'_>| {
        broken.push(link.reference.to_string());
        None
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let events: Vec<Event<'_>> =
        Parser::new_with_broken_link_callback(out, options, Some(&mut callback)).collect();
    let kept = balanced_html_tags(&events);
    let mut in_link = 0;
    let mut in_code = false;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                let info = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => "<indented>".to_owned(),
                };
                assert_eq!(info, "text", "{ctx}");
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                in_link += 1;
                let ok = matches!(link_type, LinkType::Autolink | LinkType::Email)
                    || dest_url.starts_with("crate::")
                    || dest_url.starts_with("`crate::")
                    || has_scheme(dest_url);
                assert!(ok, "bad link {dest_url}: {ctx}");
            }
            Event::End(TagEnd::Link) => in_link -= 1,
            Event::Html(html) | Event::InlineHtml(html) => {
                assert!(kept.contains(&i) || is_br(html), "html {html}: {ctx}");
            }
            Event::Text(text) if in_link == 0 && !in_code => {
                assert!(
                    !text.contains("http://") && !text.contains("https://"),
                    "bare url: {ctx}"
                );
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => panic!("{ctx}"),
            _ => {}
        }
    }
    assert!(broken.is_empty(), "broken links {broken:?}: {ctx}");
}

#[test]
#[ignore = "reads ../shared"]
fn shared_descriptions_render_cleanly() {
    let docs = tlgen_test_support::shared::require().docs_root();
    let descriptions = shared_descriptions(&docs);
    assert!(
        descriptions.len() > 40_000,
        "found only {} descriptions",
        descriptions.len()
    );
    type Resolve<'a> = &'a dyn Fn(&LinkTarget) -> Option<String>;
    let resolvers: [Resolve<'_>; 2] = [&all, &none];
    for (origin, source) in &descriptions {
        for resolve in resolvers {
            let out = render_docs(source, resolve);
            check_rendered(origin, source, &out);
            assert_eq!(
                render_docs(&out, resolve),
                out,
                "not idempotent: {origin}\n{source:?}"
            );
        }
    }
}

/// Renders every shared description into the docs of a scratch crate
/// (links resolved to stub items in the same module, so that rustdoc's
/// `redundant_explicit_links` would fire if the renderer let it) and runs
/// `cargo doc` with `-D warnings` and `cargo test --doc` on it.
#[test]
#[ignore = "reads ../shared"]
fn shared_descriptions_pass_rustdoc() {
    let docs = tlgen_test_support::shared::require().docs_root();
    let mut sources: Vec<String> = shared_descriptions(&docs)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    sources.sort();
    sources.dedup();
    let stubs = std::cell::RefCell::new(std::collections::BTreeSet::new());
    let resolve = |target: &LinkTarget| {
        let ident: String = target
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let ident = match target.kind {
            LinkKind::Method => format!("M_{ident}"),
            LinkKind::Constructor => format!("C_{ident}"),
            LinkKind::Type => ident,
        };
        // Every third name stays unresolved.
        if ident.len() % 3 == 0 {
            return None;
        }
        stubs.borrow_mut().insert(ident.clone());
        Some(format!("crate::items::{ident}"))
    };
    let rendered: Vec<String> = sources.iter().map(|s| render_docs(s, &resolve)).collect();
    let mut lib = String::from(
        "//! Rendered descriptions.\n#![allow(non_camel_case_types)]\n\npub mod items {\n",
    );
    for stub in stubs.borrow().iter() {
        lib.push_str(&format!("    /// Stub.\n    pub struct {stub};\n"));
    }
    for (i, chunk) in rendered.chunks(250).enumerate() {
        // `///` lines, as prettyplease prints generated docs: rustdoc
        // maps lints to sugared doc comments only.
        for line in chunk.join("\n\n***\n\n").lines() {
            lib.push_str(&format!(
                "    ///{}{line}\n",
                if line.is_empty() { "" } else { " " }
            ));
        }
        lib.push_str(&format!("    pub struct Docs{i};\n"));
    }
    lib.push_str("}\n");
    let manifest = tlgen_test_support::scratch::manifest("tlgen-docs-check", "");
    let scratch = tlgen_test_support::ScratchCrate::new(&manifest, &[("src/lib.rs", &lib)]);
    for args in [&["doc", "--no-deps"][..], &["test", "--doc"][..]] {
        let output = scratch.cargo(args);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let head: String = stderr.chars().take(6000).collect();
        assert!(output.status.success(), "cargo {args:?} failed:\n{head}");
        if args[0] == "test" {
            assert!(
                stdout.contains("running 0 tests"),
                "doctests ran:\n{stdout}"
            );
        }
    }
}
