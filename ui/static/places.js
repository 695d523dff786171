// When a place or state field is left with a name no gazetteer knows,
// offer the nearest known names ("Did you mean: Jharkhand?") as buttons
// that put the name in its place. The page works without this file: the
// server says the same when the form is sent.
(function () {
  "use strict";
  if (!window.fetch || !document.addEventListener) return;
  var fields = "#f-states, #c-states, #f-district, #f-sources, #f-transit, #f-destinations, " +
    "input[name=route_source], input[name=route_transit], input[name=route_destination]";

  function names(value) {
    return value.split(/[,;\n]/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  // box is the line under a field where its suggestions appear, read out
  // when they do, and tied to the field.
  function box(input) {
    var id = input.id + "-near", b = document.getElementById(id);
    if (b) return b;
    b = document.createElement("div");
    b.id = id;
    b.className = "did-you-mean";
    b.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", b);
    var by = input.getAttribute("aria-describedby") || "";
    input.setAttribute("aria-describedby", (by + " " + id).trim());
    return b;
  }

  // replace puts name where typed was in the field's list, keeping the
  // other names and separators as they are.
  function replace(input, typed, name) {
    input.value = input.value.split(/([,;\n])/).map(function (part) {
      return part.trim() === typed ? part.replace(typed, name) : part;
    }).join("");
  }

  function offer(input, b, typed, data) {
    if (!data || !data.suggestions || !data.suggestions.length) return;
    var p = document.createElement("p");
    p.textContent = data.message;
    data.suggestions.forEach(function (s) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = s.label;
      button.addEventListener("click", function () {
        replace(input, typed, s.name);
        b.removeChild(p);
        input.focus();
      });
      p.appendChild(document.createTextNode(" "));
      p.appendChild(button);
    });
    b.appendChild(p);
  }

  function check(input) {
    var b = box(input), states = /^[fc]-states$/.test(input.id) ? "1" : "0";
    b.textContent = "";
    names(input.value).forEach(function (typed) {
      fetch("/api/v1/places/check?states=" + states + "&name=" + encodeURIComponent(typed), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { offer(input, b, typed, data); })
        .catch(function () {});
    });
  }

  document.addEventListener("change", function (e) {
    var input = e.target;
    if (input && input.id && input.matches && input.matches(fields)) check(input);
  });
})();
