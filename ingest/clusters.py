"""Named clusters: '<place>[-<place>]<industry>产业集群', with their industry and places."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.document_graph import DocumentGraph
from ingest.kinds import Label, Rel
from ingest.lexicon import Lexicon
from ingest.records import Evidence
from ingest.resolve import place_node
from ingest.structure import Structure

CLUSTER = re.compile(r"([\u4e00-\u9fff-]{2,30}?)产业集群")
CLAUSE_CUT = re.compile(r"[,、;。:()“”的和与及]|依托|打造|建设|发展|培育")


@dataclass(frozen=True)
class Cluster:
    key: str  # node id
    industry: str
    places: tuple[str, ...]


#: Clusters of a document by every name they go by (full name and place-prefix form).
Clusters = dict[str, Cluster]


def find_clusters(
    st: Structure, lx: Lexicon, graph: DocumentGraph, ev: Callable[[int, int], Evidence]
) -> Clusters:
    """Clusters named anywhere in the document (headings name them; sentences refer back
    by their place prefix, 哈尔滨-大庆产业集群)."""
    out: Clusters = {}
    for sent in st.sentences:
        if "产业集群" not in sent.text:
            continue  # the pattern's lazy prefix is tried at every character otherwise
        for m in CLUSTER.finditer(sent.text):
            body = CLAUSE_CUT.split(m.group(1))[-1]
            places: list[str] = []
            rest = body
            while rest:
                hit = next(
                    (
                        rest[:n]
                        for n in range(min(8, len(rest)), 1, -1)
                        if rest[:n] in lx.place_alias
                    ),
                    None,
                )
                if hit is None:
                    break
                places.append(lx.place_alias[hit])
                rest = rest[len(hit) :].lstrip("-")
            if not places or (len(places) == 1 and lx.places[places[0]].level == "province"):
                continue
            if not rest:
                continue  # 哈尔滨-大庆产业集群: a short reference to a named cluster
            prefix = body[: len(body) - len(rest)].rstrip("-")
            name = body + "产业集群"
            start = sent.start + m.start(1) + (len(m.group(1)) - len(body))
            evidence = ev(start, sent.start + m.end())
            short = prefix + "产业集群" if len(places) > 1 else None
            key = graph.node(Label.CLUSTER, name, evidence, aliases=[short] if short else [])
            ikey = graph.node(Label.INDUSTRY, rest, evidence, aliases=[rest + "产业"])
            graph.rel(Rel.IN_INDUSTRY, key, ikey, evidence)
            for place in places:
                # A place inside a name is a LOCATED_IN fact, not a mention of it.
                graph.rel(Rel.LOCATED_IN, key, place_node(graph, lx, place, None), evidence)
            out[name] = Cluster(key, rest, tuple(places))
            if short:
                out[short] = out[name]
    return out


def cluster_in(text: str, clusters: Clusters) -> str | None:
    """The node id of the first cluster a text names."""
    return next((c.key for name, c in clusters.items() if name in text), None)
