// Completion of place fields (routes and places on every form): fills
// the field's datalist from /api/v1/places with the place being typed,
// the text after the last semicolon or line, so that earlier places stay
// as they are. The forms work without this file.
(function () {
  "use strict";
  if (!window.fetch) return;
  var timer = 0;
  document.addEventListener("input", function (e) {
    var input = e.target;
    if (!input.dataset || !input.dataset.places) return;
    clearTimeout(timer);
    timer = setTimeout(function () { complete(input); }, 150);
  });
  function complete(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var value = input.value;
    var cut = Math.max(value.lastIndexOf(";"), value.lastIndexOf("\n")) + 1;
    var before = value.slice(0, cut), q = value.slice(cut).trim();
    if (!list || q.length < 2 || q.indexOf(",") >= 0) return;
    fetch(input.dataset.places + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { places: [] }; })
      .then(function (data) {
        if (input.value !== value) return;
        list.textContent = "";
        (data.places || []).forEach(function (p) {
          var o = document.createElement("option");
          o.value = (before ? before.replace(/\s*$/, " ") : "") + placeText(p);
          o.label = p.hindi ? p.hindi + " · " + p.kind : p.kind;
          list.appendChild(o);
        });
      })
      .catch(function () {});
  }
  // placeText writes a place as the forms read it: a state or country
  // alone, a district or town with its state (abroad, its country).
  function placeText(p) {
    if (p.kind === "state" || p.kind === "union territory" || p.kind === "country") return p.name;
    var region = p.country === "India" ? p.state : p.country;
    return region && region !== p.name ? p.name + ", " + region : p.name;
  }
})();
