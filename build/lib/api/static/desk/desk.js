// Partner finder: plain JavaScript, no build step, talks only to this API (read-only).
"use strict";
(function () {
  const api = window.KG.api;
  const browser = window.KG.browser;
  const $ = (id) => document.getElementById(id);
  const input = $("q"), list = $("suggestions"), status = $("status");
  let timer = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  async function query(name, params) {
    const url = new URL(`${api}/queries/${name}`);
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
      for (const row of rows) $("partners").append(render(row));
    } catch (e) {
      status.textContent = `出错 · error: ${e.message}`;
    }
  }

  function render(row) {
    const item = el("li", {class: "partner"});
    item.append(el("h2", {}, browserLink(row.partner), el("span", {class: "score", text: `score ${row.score}`})));
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

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 200); });
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); find(null); });
})();
