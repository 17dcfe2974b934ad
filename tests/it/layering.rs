//! The imports of `src/` follow the pipeline: leaves, then the content model, then the stages in
//! order, then the commands around them. A module may use its own layer (without a cycle) or an
//! earlier one, never a later one. See README, "How it works".

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level modules of `src/` by layer, earliest first.
const LAYERS: &[&[&str]] = &[
    &["diagnostics", "text", "timings"],
    &["model"],
    &["load"],
    &["validate"],
    &["render"],
    &["index"],
    &["write"],
    &["export", "scaffold", "serve"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Top-level module → the top-level modules its code names as `crate::<module>` (unit tests,
/// which may reach anywhere, left out).
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap();
            let first = relative.iter().next().unwrap().to_string_lossy();
            let module = first.trim_end_matches(".rs").to_string();
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let used = graph.entry(module.clone()).or_default();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for part in line.split("crate::").skip(1) {
                    // `crate::{a, b::c}` or `crate::a::…`
                    let names: Vec<&str> = match part.strip_prefix('{') {
                        Some(group) => group
                            .split('}')
                            .next()
                            .unwrap_or("")
                            .split(',')
                            .map(|n| n.trim().split("::").next().unwrap_or(""))
                            .collect(),
                        None => vec![part
                            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or("")],
                    };
                    for name in names {
                        if layer_of(name).is_some() && name != module {
                            used.insert(name.to_string());
                        }
                    }
                }
            }
        }
    }
    graph
}

#[test]
fn every_module_of_src_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let missing: Vec<String> = imports(&src)
        .into_keys()
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "add these modules to LAYERS in tests/it/layering.rs (and to README, “How it works”): {missing:?}"
    );
}

#[test]
fn no_module_imports_from_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut backward = Vec::new();
    for (module, used) in imports(&src) {
        let Some(own) = layer_of(&module) else {
            continue;
        };
        for other in used {
            if layer_of(&other).is_some_and(|l| l > own) {
                backward.push(format!("{module} uses {other}"));
            }
        }
    }
    assert!(
        backward.is_empty(),
        "imports against the pipeline (move the shared item down, into `model` or a leaf): {backward:#?}"
    );
}

#[test]
fn modules_of_one_layer_do_not_import_each_other_in_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = imports(&src);
    for start in graph.keys() {
        // Depth-first from `start`: reaching it again is a cycle.
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = graph[start].iter().collect();
        while let Some(next) = stack.pop() {
            assert!(next != start, "import cycle through `{start}`");
            if seen.insert(next) {
                stack.extend(graph.get(next).into_iter().flatten());
            }
        }
    }
}

#[test]
fn the_check_finds_a_backward_import() {
    // The parser above must see both forms of import, or the checks pass for nothing.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("model")).unwrap();
    std::fs::write(
        dir.path().join("model/site.rs"),
        "use crate::{diagnostics::Diagnostic, render::Renderer};\nfn f() { crate::index::x(); }\n",
    )
    .unwrap();
    let graph = imports(dir.path());
    let used: Vec<&str> = graph["model"].iter().map(String::as_str).collect();
    assert_eq!(used, ["diagnostics", "index", "render"]);
}
