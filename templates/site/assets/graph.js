// orgit site: the dependency graph, drawn by the vendored Cytoscape.js from
// window.ORGIT_GRAPH (assets/graph-data.js). Labels are set as data and drawn
// on a canvas, never parsed as HTML.
(function () {
  "use strict";
  var data = window.ORGIT_GRAPH;
  var box = document.getElementById("graph");
  if (!data || !box || typeof cytoscape !== "function") return;
  var root = box.getAttribute("data-root") || "";
  var status = document.getElementById("graph-status");

  // Each item labelled with its id and its team's name.
  var teams = {};
  data.teams.forEach(function (t) { teams[t[0]] = t[1]; });
  var elements = [];
  data.nodes.forEach(function (n) {
    var team = n[2] ? (teams[n[2]] || n[2]) : "company-wide";
    elements.push({ group: "nodes", data: { id: n[0], label: n[0] + "\n" + team, title: n[1], kind: n[3], health: n[4] || "none", state: n[5], page: n[6] } });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ group: "edges", data: { id: "e" + i, source: e[0], target: e[1], problem: e[2] || "", red: e[3] === 1, warn: !!e[2] && e[3] !== 1 } });
  });

  var cy = cytoscape({
    container: box,
    elements: elements,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-valign": "bottom", "text-margin-y": 4, "width": 18, "height": 18, "background-color": "#8c959f", "color": "#1f2328", "text-background-color": "#fbfcfd", "text-background-opacity": 0.8 } },
      { selector: "node[kind = 'goal']", style: { "shape": "round-rectangle", "width": 22 } },
      { selector: "node[kind = 'initiative']", style: { "shape": "ellipse" } },
      { selector: "node[kind = 'key_result']", style: { "shape": "diamond" } },
      { selector: "node[health = 'on_track']", style: { "background-color": "#2da44e" } },
      { selector: "node[health = 'at_risk']", style: { "background-color": "#d4a72c" } },
      { selector: "node[health = 'off_track']", style: { "background-color": "#cf222e" } },
      { selector: "node[state != 'open']", style: { "opacity": 0.5 } },
      { selector: "edge", style: { "width": 1.5, "line-color": "#8c959f", "target-arrow-color": "#8c959f", "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.9 } },
      { selector: "edge[?warn]", style: { "line-color": "#bc4c00", "target-arrow-color": "#bc4c00", "width": 2 } },
      { selector: "edge[?red]", style: { "line-color": "#cf222e", "target-arrow-color": "#cf222e", "width": 3 } },
      { selector: ".faded", style: { "display": "none" } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#0969da" } }
    ],
    layout: { name: "preset" }
  });

  function layout(eles) {
    var visible = eles.filter(function (e) { return !e.hasClass("faded"); });
    // Small pictures in layers (the items nobody waits on at the top, what
    // they wait on below); larger ones force-directed, which packs the many
    // small groups of a big org into a readable block instead of two rows.
    var options = visible.nodes().length <= 30
      ? { name: "breadthfirst", directed: true, animate: false, nodeDimensionsIncludeLabels: true, spacingFactor: 1.1, padding: 30 }
      : { name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: true, padding: 30, numIter: 1200, componentSpacing: 30, idealEdgeLength: function () { return 50; }, nodeRepulsion: function () { return 6000; }, gravity: 1.2 };
    visible.layout(options).run();
    cy.fit(visible, 30);
    if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(visible); }
  }

  function showOnly(nodes) {
    var keep = nodes.union(nodes.edgesWith(nodes));
    cy.elements().addClass("faded");
    keep.removeClass("faded");
    layout(keep);
    var items = keep.nodes().length;
    if (status) status.textContent = "showing " + items + " of " + data.nodes.length + " items";
  }

  function items() { return cy.nodes(); }

  function showAll() { showOnly(items()); }

  function showRed() {
    var red = cy.edges("[?red]");
    showOnly(red.connectedNodes().length ? red.connectedNodes() : items());
  }

  function focus(id) {
    var node = cy.getElementById(id);
    if (!node.length) {
      if (status) status.textContent = "no item " + id + " in the dependency graph";
      return;
    }
    cy.nodes().removeClass("focus");
    node.addClass("focus");
    var around = node.union(node.neighborhood().nodes());
    around = around.union(around.neighborhood().nodes());
    showOnly(around);
  }

  cy.on("tap", "node", function (event) {
    var node = event.target;
    focus(node.id());
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#" + encodeURIComponent(node.id()));
  });
  cy.on("dbltap", "node", function (event) {
    var page = event.target.data("page");
    if (page) window.location.href = root + page;
  });
  cy.on("mouseover", "node", function (event) {
    var n = event.target;
    box.title = n.id() + ": " + n.data("title");
  });
  cy.on("mouseover", "edge", function (event) {
    var e = event.target;
    box.title = e.source().id() + " waits on " + e.target().id() + (e.data("problem") ? ": " + e.data("problem") : "");
  });

  document.getElementById("graph-all").addEventListener("click", showAll);
  document.getElementById("graph-red").addEventListener("click", showRed);
  var field = document.getElementById("graph-focus");
  field.addEventListener("keydown", function (event) { if (event.key === "Enter") focus(field.value.trim()); });

  var hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
  if (hash && cy.getElementById(hash).length) focus(hash);
  else if (data.nodes.length > data.first_view_nodes) showRed();
  else showAll();
  box.setAttribute("data-ready", String(items().filter(function (n) { return !n.hasClass("faded"); }).length));
})();
