// Progressive enhancement of place fields: suggestions from the place look-up API fill
// the field's <datalist>. Without JavaScript the form submits to /lieux, which lists
// the same results.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-place-autocomplete]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) { return; }
      last = q;
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch("/api/v1/places?limit=8&q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (places) {
            list.textContent = "";
            places.forEach(function (p) {
              var option = document.createElement("option");
              option.value = p.name;
              option.label = p.label + " — " + p.department_name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });
})();
