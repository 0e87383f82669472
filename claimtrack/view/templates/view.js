// claimtrack view: the side panel, filters, search and keyboard navigation.
// No dependencies and no network: everything comes from the JSON embedded in the page.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claimtrack-data").textContent);
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var title = document.getElementById("panel-title");
  var status = document.getElementById("status");
  var spans = Array.prototype.slice.call(document.querySelectorAll(".text .claim, .unplaced .claim"));
  var opener = null, current = -1, filter = "", query = "";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === "") return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function link(url) { return el("a", { href: url, rel: "noopener noreferrer" }, [url]); }
  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", {}, [term]));
    dl.appendChild(el("dd", {}, [value]));
  }
  // The passage with the given pieces of text marked (quotes and figures the source carries).
  function marked(text, marks) {
    var node = el("blockquote", {}, []), lower = text.toLowerCase(), ranges = [];
    marks.forEach(function (m) {
      if (!m) return;
      var at = lower.indexOf(m.toLowerCase());
      if (at >= 0) ranges.push([at, at + m.length]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      node.appendChild(document.createTextNode(text.slice(pos, r[0])));
      node.appendChild(el("mark", { "class": "hit" }, [text.slice(r[0], r[1])]));
      pos = r[1];
    });
    node.appendChild(document.createTextNode(text.slice(pos)));
    return node;
  }
  function badge(state) {
    var s = data.states[state];
    return el("span", { "class": "badge s-" + state }, [s ? s.label : state]);
  }

  function source(s) {
    var box = el("div", { "class": "source" }, [el("strong", {}, [s.title || s.key])]);
    var dl = el("dl", {}, []);
    row(dl, "Key", s.key);
    if (s.missing) row(dl, "Problem", "not defined in references/");
    row(dl, "Authors", s.authors);
    row(dl, "Published in", s.container);
    row(dl, "Date", s.date);
    if (s.url) row(dl, "URL", link(s.url));
    if (s.archive_url) row(dl, "Archived", link(s.archive_url));
    if (s.link) {
      row(dl, "Link", s.link.verdict + (s.link.http_status ? " (HTTP " + s.link.http_status + ")" : "") +
        (s.link.checked_at ? ", checked " + s.link.checked_at : ""));
    } else if (s.url) {
      row(dl, "Link", data.checks.links ? "not in the last link check" : "not checked (run claimtrack links check)");
    }
    var sup = s.support;
    row(dl, "Support", sup ? sup.verdict + (sup.reason ? ": " + sup.reason : "") :
      (data.checks.verify ? "not verified in the last run" : "not checked (run claimtrack verify)"));
    box.appendChild(dl);
    if (sup && sup.passage) {
      var marks = [];
      (sup.quotes || []).forEach(function (q) { if (q.source_text) marks.push(q.source_text); });
      (sup.figures || []).forEach(function (f) { if (f.source_text) marks.push(f.source_text); });
      box.appendChild(el("p", {}, ["Evidence passage:"]));
      box.appendChild(marked(sup.passage, marks));
    }
    if (sup) {
      (sup.quotes || []).forEach(function (q) {
        box.appendChild(el("p", { "class": "finding" }, ["Quote “" + q.text + "”: " + q.found +
          (q.found === "altered" && q.source_text ? "; the source says “" + q.source_text + "”" : "")]));
      });
      (sup.figures || []).forEach(function (f) {
        box.appendChild(el("p", { "class": "finding" }, ["Figure " + f.text + ": " + (f.found ? "found" : "not found") +
          (f.source_text && !f.found ? "; the source says " + f.source_text : "")]));
      });
    }
    return box;
  }

  function show(heading, nodes, from) {
    title.textContent = heading;
    body.textContent = "";
    nodes.forEach(function (n) { if (n) body.appendChild(n); });
    panel.hidden = false;
    opener = from || document.activeElement;
    title.focus();
  }

  function openClaim(id, from) {
    var c = data.claims[id];
    if (!c) return;
    spans.forEach(function (s) { s.classList.toggle("selected", s.dataset.claim === id); });
    var nodes = [el("p", {}, [badge(c.state)]), el("blockquote", {}, [c.text]),
      el("p", { "class": "meta" }, [(c.section ? c.section + " · " : "") + "line " + c.line + " · " + c.id])];
    if (c.footnotes.length) {
      nodes.push(el("h3", {}, ["Footnotes"]));
      c.footnotes.forEach(function (label) {
        var f = data.footnotes[label];
        nodes.push(el("p", {}, [el("a", { href: "#note-" + label }, ["[" + label + "]"]), " ", f ? f.plain : "missing definition"]));
      });
    }
    nodes.push(el("h3", {}, ["Sources"]));
    if (!c.sources.length) nodes.push(el("p", {}, ["No source cited."]));
    c.sources.forEach(function (s) { nodes.push(source(s)); });
    nodes.push(el("h3", {}, ["Review"]));
    var dl = el("dl", {}, []);
    row(dl, "Status", c.review.status);
    row(dl, "Note", c.review.note);
    row(dl, "By", c.review.by);
    row(dl, "At", c.review.at);
    nodes.push(dl);
    nodes.push(el("h3", {}, ["Audit findings"]));
    if (!c.findings.length) nodes.push(el("p", {}, ["None."]));
    c.findings.forEach(function (f) {
      nodes.push(el("p", { "class": "finding" }, [el("span", { "class": "sev-" + f.severity }, [f.severity + " " + f.code + " " + f.slug]),
        ": " + f.message + " Fix: " + f.fix]));
    });
    show("Claim", nodes, from);
  }

  function openNote(label, from) {
    var f = data.footnotes[label];
    if (!f) return;
    var nodes = [el("blockquote", {}, [f.plain]), el("p", {}, ["Kind: " + f.kind + (f.locator ? " · " + f.locator : "")])];
    nodes.push(el("h3", {}, ["Carried by"]));
    f.claims.forEach(function (id) {
      var c = data.claims[id];
      var a = el("a", { href: "#claim-" + id }, [c ? c.text : id]);
      a.addEventListener("click", function (e) { e.preventDefault(); focusClaim(id); openClaim(id, a); });
      nodes.push(el("p", {}, [c ? badge(c.state) : "", " ", a]));
    });
    if (!f.claims.length) nodes.push(el("p", {}, ["No claim carries this note's marker."]));
    nodes.push(el("h3", {}, ["Sources"]));
    var first = f.claims.length ? data.claims[f.claims[0]] : null;
    f.references.forEach(function (key) {
      var s = first && first.sources.filter(function (x) { return x.key === key; })[0];
      nodes.push(s ? source(s) : el("p", {}, [key]));
    });
    if (!f.references.length) nodes.push(el("p", {}, ["This note cites no source."]));
    show("Note " + label, nodes, from);
  }

  function close() {
    panel.hidden = true;
    spans.forEach(function (s) { s.classList.remove("selected"); });
    if (opener && opener.focus) opener.focus();
  }

  function visible(span) { return !span.classList.contains("dim") && !span.closest(".hidden"); }
  function focusClaim(id) {
    var span = document.getElementById("claim-" + id);
    if (!span) return;
    spans.forEach(function (s) { s.classList.remove("current"); });
    span.classList.add("current");
    span.scrollIntoView({ block: "center" });
    span.focus({ preventScroll: true });
  }
  function step(direction) {
    var findings = spans.filter(function (s) { var st = data.states[s.dataset.state]; return st && st.finding && visible(s); });
    if (!findings.length) { status.textContent = "No findings to visit."; return; }
    var at = findings.indexOf(document.activeElement);
    if (at < 0) {
      at = direction > 0 ? -1 : findings.length;
      var pos = spans.indexOf(document.activeElement);
      if (pos >= 0) findings.forEach(function (f, i) { if (spans.indexOf(f) <= pos) at = direction > 0 ? i : i + 1; });
    }
    current = (at + direction + findings.length) % findings.length;
    var target = findings[current];
    focusClaim(target.dataset.claim);
    status.textContent = "Finding " + (current + 1) + " of " + findings.length + ": " + data.states[target.dataset.state].label;
  }

  function apply() {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    spans.forEach(function (s) {
      var c = data.claims[s.dataset.claim], text = c ? c.text.toLowerCase() : "";
      var ok = (!filter || s.dataset.state === filter) && words.every(function (w) { return text.indexOf(w) >= 0; });
      s.classList.toggle("dim", !ok);
      if (ok) shown++;
    });
    var narrowing = Boolean(filter || words.length);
    document.querySelectorAll(".text .block").forEach(function (b) {
      var any = b.querySelector(".claim:not(.dim)");
      b.classList.toggle("hidden", narrowing && !any);
    });
    status.textContent = narrowing ? shown + " of " + spans.length + " claims shown" : "";
  }

  document.querySelectorAll(".filter").forEach(function (button) {
    button.addEventListener("click", function () {
      filter = button.dataset.filter;
      document.querySelectorAll(".filter").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      apply();
    });
  });
  var search = document.getElementById("search");
  search.addEventListener("input", function () { query = search.value; apply(); });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.getElementById("panel-close").addEventListener("click", close);

  spans.forEach(function (s) {
    s.addEventListener("click", function () { openClaim(s.dataset.claim, s); });
    s.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openClaim(s.dataset.claim, s); }
    });
  });
  document.querySelectorAll("a[data-fn]").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); e.stopPropagation(); openNote(a.dataset.fn, a); });
  });
  document.addEventListener("keydown", function (e) {
    if (e.target && (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA")) {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape" && !panel.hidden) { close(); }
    else if (e.key === "j" || e.key === "n") { step(1); }
    else if (e.key === "k" || e.key === "p") { step(-1); }
    else if (e.key === "/") { e.preventDefault(); search.focus(); }
  });
})();
