//! The membership lifecycle as an inline SVG state diagram, laid out by
//! [`crate::logic::diagram_layout`], with a table as its text alternative.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wire::{MembershipState, Statistics};

use crate::components::group_context::GroupContext;
use crate::components::table_head::head_texts;
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::diagram_layout::{layout, Node, Transition, LARGE, TRANSITIONS};
use crate::logic::routes::GroupTab;
use crate::pages::lock_group::words::locks;

/// The lifecycle diagram: states Initial, Joining (JoinPending), Active (Joined), Leaving
/// (UnjoinPending) and Left (Unjoined), the console's words with the API's names beside
/// them, the transitions labelled with their causes, and each state's current count.
///
/// Props:
/// - `statistics`: the group's `statistics` (`expand=statistics`); `None` while loading
///   (counts show as "…").
/// - `trace` (optional): the transitions one membership took
///   ([`crate::logic::diagram_layout::trace`]); they and the state it stands in are
///   highlighted.
///
/// Inside a lock group page (a [`GroupContext`] is provided) every state with a count is
/// a keyboard-focusable link to the Members tab filtered to that state.
#[component]
pub fn StateDiagram(
    #[prop(into)] statistics: Signal<Option<Statistics>>,
    #[prop(optional, into)] trace: Option<Signal<Vec<Transition>>>,
) -> impl IntoView {
    let l = layout(LARGE);
    let m = l.metrics;
    let i18n = use_i18n();
    let locks = move |n: u64| locks(i18n, n);
    let group = use_context::<GroupContext>();
    let count =
        move |s: Option<MembershipState>| s.and_then(|s| statistics.get().map(|st| st.count(s)));
    let trace = move || trace.map(|t| t.get()).unwrap_or_default();
    let current = move || trace().last().map(|t| t.to);
    let visited = move |n: Node| trace().iter().any(|t| t.from == n || t.to == n);
    let taken = move |t: Transition| trace().contains(&t);
    let (arrow, title_id) = ("arrow-l", "diagram-title-l");

    let edges = l
        .edges
        .iter()
        .map(|e| {
            let t = e.transition;
            view! {
                <g class="edge" class:taken=move || taken(t) aria-hidden="true">
                    <path d=e.d.clone() marker-end=format!("url(#{arrow})")/>
                    <text x=e.label_x y=e.label_y text-anchor="middle" font-size=m.font>
                        {move || words::cause(i18n, t)}
                    </text>
                </g>
            }
        })
        .collect_view();

    let nodes = l
        .nodes
        .iter()
        .map(|(node, r)| {
            let node = *node;
            let (cx, f) = (r.center_x(), m.font);
            let label = move || {
                let title = words::node_title(i18n, node);
                match count(node.state()) {
                    Some(n) => {
                        let (api, locks) = (words::node_api_name(i18n, node), locks(n));
                        t_string!(i18n, diagram.node_link, title, api, locks).to_string()
                    }
                    None => {
                        let meaning = words::node_meaning(i18n, node);
                        t_string!(i18n, diagram.node_plain, title, meaning).to_string()
                    }
                }
            };
            let shape = view! {
                <g>
                    <rect x=r.x y=r.y width=r.w height=r.h rx="8"/>
                    <text x=cx y=r.y + f + 8 text-anchor="middle" font-size=f font-weight="700">
                        {move || words::node_title(i18n, node)}
                    </text>
                    // Bracketed and spaced as in the link's name, so that the visible words
                    // are part of it (axe: label-content-name-mismatch).
                    <text class="api" x=cx y=r.y + 2 * f + 12 text-anchor="middle" font-size=f - 3>
                        " (" {move || words::node_api_name(i18n, node)} ") "
                    </text>
                    <text x=cx y=r.y + 3 * f + 16 text-anchor="middle" font-size=f>
                        {move || match (node.state(), count(node.state())) {
                            (None, _) => String::new(),
                            (Some(_), None) => "…".into(),
                            (Some(_), Some(n)) => locks(n),
                        }}
                    </text>
                </g>
            };
            let body = match (node.state(), group) {
                (Some(state), Some(g)) => {
                    let href = move || {
                        format!(
                            "{}?state={}",
                            GroupTab::Members.path(&g.owner.get(), &g.id.get()),
                            state.as_str()
                        )
                    };
                    // The router only takes over clicks on HTML links; an SVG link would
                    // reload the whole console. Plain clicks and Enter navigate in the app;
                    // modified clicks (new tab, new window) keep the browser's behaviour.
                    let navigate = use_navigate();
                    let on_click = move |ev: leptos::ev::MouseEvent| {
                        if ev.button() == 0
                            && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
                        {
                            ev.prevent_default();
                            navigate(&href(), Default::default());
                        }
                    };
                    view! { <g><a href=href aria-label=label on:click=on_click>{shape}</a></g> }
                        .into_any()
                }
                _ => view! { <g role="img" aria-label=label>{shape}</g> }.into_any(),
            };
            view! {
                <g
                    class="node"
                    class:current=move || current() == Some(node)
                    class:visited=move || visited(node) && current() != Some(node)
                >
                    {body}
                </g>
            }
        })
        .collect_view();

    let table = view! {
        <div class="table-wrap">
        <table class="diagram-table">
            <caption>{t!(i18n, diagram.caption)}</caption>
            {head_texts(None, vec![
                (move || t_string!(i18n, diagram.col.state)).into(),
                (move || t_string!(i18n, diagram.col.meaning)).into(),
                (move || t_string!(i18n, diagram.col.locks)).into(),
                (move || t_string!(i18n, diagram.col.leads_to)).into(),
            ])}
            <tbody>
                {Node::ALL
                    .into_iter()
                    .map(|node| {
                        let next = move || {
                            let next = TRANSITIONS
                                .iter()
                                .filter(|t| t.from == node)
                                .map(|&t| {
                                    let (to, cause) = (words::node_title(i18n, t.to), words::cause(i18n, t));
                                    t_string!(i18n, diagram.leads, to, cause).to_string()
                                })
                                .collect::<Vec<_>>()
                                .join("; ");
                            if next.is_empty() { "–".to_string() } else { next }
                        };
                        view! {
                            <tr>
                                <th scope="row">
                                    {move || words::node_title(i18n, node)}
                                    " (" {move || words::node_api_name(i18n, node)} ")"
                                </th>
                                <td>{move || words::node_meaning(i18n, node)}</td>
                                <td class="num">
                                    {move || match (node.state(), count(node.state())) {
                                        (None, _) => "–".to_string(),
                                        (Some(_), None) => "…".into(),
                                        (Some(_), Some(n)) => locks(n),
                                    }}
                                </td>
                                <td>{next}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
    };

    view! {
        <figure class="diagram-figure">
            // Narrow screens scroll the drawing sideways instead of shrinking its text.
            <div class="diagram-scroll">
                <svg
                    class="diagram"
                    viewBox=format!("0 0 {} {}", l.width, l.height)
                    role="group"
                    aria-labelledby=title_id
                >
                    <title id=title_id>{t!(i18n, diagram.svg_title)}</title>
                    <defs>
                        <marker
                            id=arrow
                            viewBox="0 0 10 10"
                            refX="9"
                            refY="5"
                            markerUnits="userSpaceOnUse"
                            markerWidth="12"
                            markerHeight="12"
                            orient="auto-start-reverse"
                        >
                            <path class="arrow" d="M0 0L10 5L0 10z"/>
                        </marker>
                    </defs>
                    {edges}
                    {nodes}
                </svg>
            </div>
            {table}
        </figure>
    }
}
