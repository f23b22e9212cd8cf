"""The console's wasm splitter, run by Trunk's post-build hook (scripts/post-build).

Trunk 0.21 cannot split a wasm (trunk-rs/trunk#1022), so this tool redoes its last steps on
the same cargo output, the way cargo-leptos does: wasm-split-cli cuts the wasm at the split
points of src/pages/routes.rs, wasm-bindgen binds the main module, wasm-opt shrinks every
piece, the pieces are grouped into packs, and index.html learns which packs each entry route
(src/pages/routes.json) preloads. `python3 -m tools.split_wasm STAGING_DIR [release|debug]`.
"""
