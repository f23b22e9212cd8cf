//! The membership lifecycle diagram, laid out in plain integers (no float formatting in
//! the bundle): five states left to right, the four lifecycle transitions between
//! neighbours, and the "removed before it synced" shortcut as an arc below.

use wire::MembershipState;

use super::membership_state::{Dates, Event};

/// A state of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Initial,
    Joining,
    Active,
    Leaving,
    Left,
}

impl Node {
    pub const ALL: [Node; 5] = [
        Node::Initial,
        Node::Joining,
        Node::Active,
        Node::Leaving,
        Node::Left,
    ];

    /// The membership state this node counts (Initial counts nothing).
    pub fn state(self) -> Option<MembershipState> {
        match self {
            Node::Initial => None,
            Node::Joining => Some(MembershipState::JoinPending),
            Node::Active => Some(MembershipState::Joined),
            Node::Leaving => Some(MembershipState::UnjoinPending),
            Node::Left => Some(MembershipState::Unjoined),
        }
    }

    /// The state's word, the console's one vocabulary ([`MembershipState::label`]:
    /// Joining, Active, Leaving, Left); the diagram shows the API's name beside it.
    pub fn title(self) -> &'static str {
        self.state().map_or("Initial", MembershipState::label)
    }

    /// The API's name of the state (`JoinPending`, ...), shown beside the title only in
    /// the diagram, where it teaches what the API calls it.
    pub fn api_name(self) -> &'static str {
        self.state().map_or("not a member", MembershipState::as_str)
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Node::Initial => "Lock not member of the group.",
            Node::Joining => "Lock added, but not yet active: waits for the lock to sync.",
            Node::Active => "Lock added and active group member.",
            Node::Leaving => "Lock removed, but still active member until it syncs.",
            Node::Left => "Lock no longer member of the group.",
        }
    }
}

/// A transition and what causes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: Node,
    pub to: Node,
    pub cause: &'static str,
}

pub const TRANSITIONS: [Transition; 5] = [
    Transition {
        from: Node::Initial,
        to: Node::Joining,
        cause: "add lock",
    },
    Transition {
        from: Node::Joining,
        to: Node::Active,
        cause: "lock sync",
    },
    Transition {
        from: Node::Active,
        to: Node::Leaving,
        cause: "remove lock",
    },
    Transition {
        from: Node::Leaving,
        to: Node::Left,
        cause: "lock sync",
    },
    Transition {
        from: Node::Joining,
        to: Node::Leaving,
        cause: "remove lock before it synced",
    },
];

/// Sizes of one rendering, in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metrics {
    pub node_w: i32,
    pub node_h: i32,
    pub gap: i32,
    pub margin: i32,
    /// How far below the nodes the shortcut arc dips.
    pub arc_depth: i32,
    pub font: i32,
}

pub const LARGE: Metrics = Metrics {
    node_w: 150,
    node_h: 84,
    gap: 110,
    margin: 16,
    arc_depth: 56,
    font: 16,
};

pub const COMPACT: Metrics = Metrics {
    node_w: 124,
    node_h: 70,
    gap: 96,
    margin: 12,
    arc_depth: 44,
    font: 14,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn center_x(&self) -> i32 {
        self.x + self.w / 2
    }
    pub fn center_y(&self) -> i32 {
        self.y + self.h / 2
    }
    pub fn right(&self) -> i32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeLayout {
    pub transition: Transition,
    /// SVG path data.
    pub d: String,
    /// Centre of the label's baseline.
    pub label_x: i32,
    pub label_y: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub metrics: Metrics,
    pub width: i32,
    pub height: i32,
    pub nodes: Vec<(Node, Rect)>,
    pub edges: Vec<EdgeLayout>,
}

impl Layout {
    pub fn rect(&self, node: Node) -> Rect {
        self.nodes
            .iter()
            .find(|(n, _)| *n == node)
            .map(|(_, r)| *r)
            .unwrap_or(Rect {
                x: 0,
                y: 0,
                w: 0,
                h: 0,
            })
    }
}

/// Lays the diagram out for `m`.
pub fn layout(m: Metrics) -> Layout {
    // Room above the nodes for the labels of the straight edges.
    let top = m.margin + m.font + 8;
    let nodes: Vec<(Node, Rect)> = Node::ALL
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                *n,
                Rect {
                    x: m.margin + i as i32 * (m.node_w + m.gap),
                    y: top,
                    w: m.node_w,
                    h: m.node_h,
                },
            )
        })
        .collect();
    let width = 2 * m.margin + 5 * m.node_w + 4 * m.gap;
    let rect = |n: Node| {
        nodes
            .iter()
            .find(|(x, _)| *x == n)
            .map(|(_, r)| *r)
            .unwrap()
    };
    let edges = TRANSITIONS
        .iter()
        .map(|t| {
            let (a, b) = (rect(t.from), rect(t.to));
            if b.x == a.right() + m.gap {
                // Neighbours: a straight arrow between the facing sides, label above it.
                let y = a.center_y();
                EdgeLayout {
                    transition: *t,
                    d: format!("M{} {y}H{}", a.right(), b.x - 2),
                    label_x: (a.right() + b.x) / 2,
                    label_y: y - 8,
                }
            } else {
                // Skips a node: an arc from bottom to bottom, label under it.
                let (x1, x2, y) = (a.center_x(), b.center_x(), a.bottom());
                let depth = y + m.arc_depth;
                EdgeLayout {
                    transition: *t,
                    d: format!("M{x1} {y}C{x1} {depth} {x2} {depth} {}", x2),
                    label_x: (x1 + x2) / 2,
                    label_y: y + m.arc_depth * 3 / 4 + m.font + 4,
                }
                .with_end(b.bottom() + 2)
            }
        })
        .collect();
    let height = top + m.node_h + m.arc_depth * 3 / 4 + m.font + 4 + m.margin;
    Layout {
        metrics: m,
        width,
        height,
        nodes,
        edges,
    }
}

impl EdgeLayout {
    fn with_end(mut self, end_y: i32) -> Self {
        self.d.push_str(&format!(" {end_y}"));
        self
    }
}

/// The transitions a membership has taken, in order, from its dates: what the diagram
/// highlights as its path. The last `to` is where it stands.
pub fn trace(d: Dates) -> Vec<Transition> {
    let find = |from: Node, to: Node| {
        TRANSITIONS
            .iter()
            .copied()
            .find(|t| t.from == from && t.to == to)
    };
    let mut at = Node::Initial;
    let mut out = Vec::new();
    for (event, _) in super::membership_state::path(d) {
        let to = match event {
            Event::JoinStart => Node::Joining,
            Event::JoinCompleted => Node::Active,
            Event::LeaveStart => Node::Leaving,
            Event::LeaveCompleted => Node::Left,
        };
        if let Some(t) = find(at, to) {
            out.push(t);
        }
        at = to;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: Rect, b: Rect) -> bool {
        a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
    }

    #[test]
    fn nodes_fit_do_not_overlap_and_run_left_to_right() {
        for m in [LARGE, COMPACT] {
            let l = layout(m);
            assert_eq!(l.nodes.len(), 5);
            for (i, (_, a)) in l.nodes.iter().enumerate() {
                assert!(a.x >= m.margin && a.right() <= l.width - m.margin);
                assert!(a.y >= m.margin && a.bottom() <= l.height - m.margin);
                for (_, b) in &l.nodes[i + 1..] {
                    assert!(!overlap(*a, *b));
                    assert!(b.x > a.right());
                    assert_eq!(b.y, a.y);
                }
            }
            assert_eq!(
                l.nodes.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
                Node::ALL.to_vec()
            );
        }
    }

    #[test]
    fn straight_edges_join_facing_sides_with_labels_between() {
        let l = layout(LARGE);
        assert_eq!(l.edges.len(), TRANSITIONS.len());
        for e in &l.edges[..4] {
            let (a, b) = (l.rect(e.transition.from), l.rect(e.transition.to));
            assert!(e.d.starts_with(&format!("M{} {}", a.right(), a.center_y())));
            assert!(e.d.ends_with(&format!("H{}", b.x - 2)));
            assert!(e.label_x > a.right() && e.label_x < b.x);
            assert!(e.label_y < a.center_y() && e.label_y > m_top(&l));
        }
        assert_eq!(l.edges[0].d, "M166 82H274");
    }

    fn m_top(l: &Layout) -> i32 {
        l.metrics.margin
    }

    #[test]
    fn the_shortcut_arcs_below_every_node_and_its_label_fits() {
        for m in [LARGE, COMPACT] {
            let l = layout(m);
            let arc = &l.edges[4];
            assert_eq!(
                (arc.transition.from, arc.transition.to),
                (Node::Joining, Node::Leaving)
            );
            let bottom = l.rect(Node::Active).bottom();
            assert!(arc.label_y > bottom + m.font);
            assert!(arc.label_y <= l.height - m.margin);
            assert_eq!(arc.label_x, l.rect(Node::Active).center_x());
            // The label is wide; it must fit between the two arc ends' outer sides.
            let half = "remove lock before it synced".len() as i32 * m.font * 6 / 10 / 2;
            assert!(arc.label_x - half >= l.rect(Node::Joining).x);
            assert!(arc.label_x + half <= l.rect(Node::Leaving).right());
        }
    }

    #[test]
    fn the_edge_labels_fit_in_both_languages() {
        // The view says the causes in the language shown (`locales/*.json`, diagram.cause).
        for file in [
            include_str!("../../locales/en.json"),
            include_str!("../../locales/de.json"),
        ] {
            let words: serde_json::Value = serde_json::from_str(file).unwrap();
            let cause = |k: &str| {
                words["diagram"]["cause"][k]
                    .as_str()
                    .unwrap()
                    .chars()
                    .count()
            };
            for m in [LARGE, COMPACT] {
                for k in ["add", "sync", "remove"] {
                    assert!(cause(k) as i32 * m.font * 6 / 10 <= m.gap, "{k} at {m:?}");
                }
                let l = layout(m);
                let half = cause("remove_early") as i32 * m.font * 6 / 10 / 2;
                let x = l.rect(Node::Active).center_x();
                assert!(x - half >= l.rect(Node::Joining).x);
                assert!(x + half <= l.rect(Node::Leaving).right());
            }
        }
    }

    #[test]
    fn edge_labels_fit_their_gap() {
        // Roughly 0.6 em per character at the diagram's font size.
        for m in [LARGE, COMPACT] {
            for t in &TRANSITIONS[..4] {
                let w = t.cause.len() as i32 * m.font * 6 / 10;
                assert!(w <= m.gap, "{:?} at {:?}", t.cause, m);
            }
        }
    }

    #[test]
    fn nodes_name_their_states() {
        assert_eq!(Node::Initial.state(), None);
        // Every state of the lifecycle is drawn by exactly one node.
        let nodes = [Node::Joining, Node::Active, Node::Leaving, Node::Left];
        for s in MembershipState::ALL {
            let drawn: Vec<_> = nodes.iter().filter(|n| n.state() == Some(s)).collect();
            assert_eq!(drawn.len(), 1, "{s:?} is drawn by one node: {drawn:?}");
        }
        assert_eq!(Node::Joining.api_name(), "JoinPending");
        let titles = Node::ALL.map(|n| format!("{} ({})", n.title(), n.api_name()));
        assert_eq!(
            titles,
            [
                "Initial (not a member)",
                "Joining (JoinPending)",
                "Active (Joined)",
                "Leaving (UnjoinPending)",
                "Left (Unjoined)",
            ]
        );
        assert_eq!(Node::Initial.api_name(), "not a member");
    }

    #[test]
    fn traces_the_path_a_membership_took() {
        let full = Dates {
            join_start: Some("2020-01-01T00:00:00Z"),
            join_completed: Some("2020-01-02T00:00:00Z"),
            leave_start: Some("2020-01-03T00:00:00Z"),
            leave_completed: Some("2020-01-04T00:00:00Z"),
        };
        let t = trace(full);
        assert_eq!(
            t.iter().map(|t| t.to).collect::<Vec<_>>(),
            vec![Node::Joining, Node::Active, Node::Leaving, Node::Left]
        );
        let early = Dates {
            join_start: Some("2020-01-01T00:00:00Z"),
            leave_start: Some("2020-01-03T00:00:00Z"),
            ..Default::default()
        };
        let t = trace(early);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].cause, "remove lock before it synced");
        assert!(trace(Dates::default()).is_empty());
        // Inconsistent: a completed leave with no start still ends in Left, through Leaving.
        let odd = Dates {
            join_start: Some("2020-01-01T00:00:00Z"),
            leave_completed: Some("2020-01-03T00:00:00Z"),
            ..Default::default()
        };
        assert_eq!(trace(odd).last().map(|t| t.to), Some(Node::Left));
    }
}
