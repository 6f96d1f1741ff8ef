// Partner finder: plain JavaScript, no build step, talks only to this API (read-only).
"use strict";
(function () {
  const api = window.KG.api;
  const browser = window.KG.browser;
  const $ = (id) => document.getElementById(id);
  const input = $("q"), list = $("suggestions"), status = $("status");
  let timer = null;
  let current = null;  // the organisation whose exposure is shown

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  async function query(name, params) {
    const url = new URL(`${api}/queries/${name}`, window.location.href);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return body.rows;
  }

  function browserLink(name) {
    const cypher = `MATCH (n:Node {name: ${JSON.stringify(name)}})-[r]-(m) WHERE NOT m:Passage RETURN n, r, m LIMIT 60`;
    const url = new URL(browser);
    url.searchParams.set("cmd", "edit");
    url.searchParams.set("arg", cypher);
    return el("a", {href: url.toString(), target: "_blank", class: "browser", text: name});
  }

  async function suggest() {
    const q = input.value.trim();
    list.replaceChildren();
    if (!q) return;
    try {
      const rows = await query("search", {q, limit: 8});
      for (const row of rows) {
        if (!["Enterprise", "Industry", "Cluster", "University", "ResearchInstitute", "Platform"].includes(row.type)) continue;
        const li = el("li", {role: "option", "data-name": row.name, "data-type": row.type},
                      row.name, el("span", {class: "type", text: row.type}));
        li.addEventListener("click", () => { input.value = row.name; list.replaceChildren(); find(row); });
        list.append(li);
      }
    } catch (e) { /* suggestions are a convenience; errors show on search */ }
  }

  async function find(choice) {
    const q = input.value.trim();
    clearTimeout(timer);  // a pending suggestion would reopen the list over the results
    list.replaceChildren();
    $("partners").replaceChildren();
    status.textContent = "查找中… searching";
    try {
      let subject = choice;
      if (!subject) {
        const hits = await query("search", {q, limit: 5});
        subject = hits.find((h) => h.name === q) || hits[0] || {name: q, type: "Enterprise"};
      }
      const byIndustry = subject.type === "Industry" || subject.type === "Cluster";
      const params = byIndustry ? {industry: subject.type === "Cluster" ? q : subject.name, limit: 20}
                                : {organization: subject.name, limit: 20};
      const rows = await query("partners", params);
      const box = $("subject");
      box.hidden = false;
      box.replaceChildren(el("span", {text: byIndustry ? "产业 Industry: " : "企业 Enterprise: "}),
                          browserLink(subject.name));
      status.textContent = rows.length ? `${rows.length} 个候选合作伙伴 · candidates` : "没有找到候选合作伙伴 · no candidates found";
      $("partners-title").hidden = !rows.length;
      for (const row of rows) $("partners").append(render(row, byIndustry ? null : subject.name));
      current = byIndustry ? null : subject.name;
      $("connect").hidden = byIndustry;
      $("paths").replaceChildren();
      $("connect-status").textContent = "";
      await exposure(byIndustry ? null : subject.name);
    } catch (e) {
      status.textContent = `出错 · error: ${e.message}`;
    }
  }

  function render(row, subjectName) {
    const item = el("li", {class: "partner"});
    const title = el("h2", {}, browserLink(row.partner));
    if (subjectName) {
      const button = el("button", {type: "button", class: "connect-button", text: "关联路径"});
      button.addEventListener("click", () => { $("other").value = row.partner; connect(); });
      title.append(button);
    }
    title.append(el("span", {class: "score", text: `score ${row.score}`}));
    item.append(title);
    for (const reason of row.reasons) {
      const p = el("div", {class: "reason"}, el("strong", {text: reason.reason}), ` (+${reason.points})`);
      for (const ev of reason.evidence) {
        p.append(el("blockquote", {class: "evidence"}, ev.text,
                    el("cite", {text: `${ev.doc} [${ev.start}–${ev.end}]`})));
      }
      item.append(p);
    }
    return item;
  }

  function evidenceOf(items) {
    return items.map((ev) => el("blockquote", {class: "evidence"}, ev.text,
                                el("cite", {text: `${ev.doc} [${ev.start}–${ev.end}]`})));
  }

  // The exposure card: every fact the plans state about the organisation, by date.
  async function exposure(name) {
    const section = $("exposure"), facts = $("facts");
    facts.replaceChildren();
    section.hidden = !name;
    if (!name) return;
    try {
      const rows = await query("exposure", {organization: name, limit: 200});
      if (!rows.length) facts.append(el("p", {text: "图谱中没有该主体的政策事实 · no facts found"}));
      for (const row of rows) {
        const fact = el("div", {class: "fact", "data-kind": row.kind},
                        el("span", {class: "kind", text: row.kind}), el("strong", {text: row.item}));
        if (row.detail) fact.append(` · ${row.detail}`);
        fact.append(el("span", {class: "date", text: `${row.document || ""} ${row.issued_on || ""}`}));
        fact.append(...evidenceOf(row.evidence));
        facts.append(fact);
      }
    } catch (e) {
      facts.append(el("p", {text: `出错 · error: ${e.message}`}));
    }
  }

  // A path drawn as a row of labelled nodes joined by labelled arrows (SVG, no library).
  function drawPath(hops) {
    const ns = "http://www.w3.org/2000/svg";
    const names = [hops[0].from, ...hops.map((h) => h.to)];
    const types = [hops[0].from_type, ...hops.map((h) => h.to_type)];
    const step = 300, width = step * (names.length - 1) + 160, height = 90;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", String(width));
    svg.setAttribute("role", "img");
    const add = (tag, attrs, text) => {
      const node = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    hops.forEach((hop, i) => {
      const x1 = 80 + i * step + 70, x2 = 80 + (i + 1) * step - 70;
      add("line", {x1, y1: 45, x2, y2: 45, stroke: "#b08900", "stroke-width": 2});
      const arrow = hop.direction === "forward" ? x2 : x1, back = hop.direction === "forward" ? -8 : 8;
      add("polygon", {points: `${arrow},45 ${arrow + back},40 ${arrow + back},50`, fill: "#b08900"});
      add("text", {x: (x1 + x2) / 2, y: 38, "text-anchor": "middle", class: "rel"}, hop.rel);
    });
    names.forEach((name, i) => {
      const x = 80 + i * step;
      add("rect", {x: x - 70, y: 25, width: 140, height: 40, rx: 8, fill: "#e8f0fa", stroke: "#2c6fb7"});
      const label = name.length > 11 ? `${name.slice(0, 10)}…` : name;
      add("text", {x, y: 44, "text-anchor": "middle", class: "node", "data-name": name}, label);
      add("text", {x, y: 58, "text-anchor": "middle", class: "rel"}, types[i] || "");
    });
    return svg;
  }

  async function connect() {
    const other = $("other").value.trim();
    const box = $("paths"), note = $("connect-status");
    box.replaceChildren();
    if (!current || !other) return;
    note.textContent = "查找中… searching";
    try {
      const rows = await query("connection", {organization: current, other, limit: 5});
      note.textContent = rows.length ? `${rows.length} 条路径 · paths` : "4 步之内没有关联 · no connection within 4 hops";
      for (const row of rows) {
        const path = el("div", {class: "path", "data-strength": row.strength},
                        el("strong", {text: `${row.strength} · ${row.length} hop(s)`}), drawPath(row.hops));
        for (const hop of row.hops) {
          const arrow = hop.direction === "forward" ? `—${hop.rel}→` : `←${hop.rel}—`;
          path.append(el("div", {class: "hop"}, el("strong", {text: `${hop.from} ${arrow} ${hop.to}`}),
                         ...evidenceOf(hop.evidence)));
        }
        box.append(path);
      }
    } catch (e) {
      note.textContent = `出错 · error: ${e.message}`;
    }
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 200); });
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); find(null); });
  $("connect-form").addEventListener("submit", (event) => { event.preventDefault(); connect(); });
})();
