// "Near me": fills the hidden latitude/longitude fields of the directory search from the
// browser's position, only when the visitor asks (the button is shown only with JavaScript
// and geolocation). Without it, the "Where?" field does the same by commune or postcode.
(function () {
  "use strict";
  var button = document.querySelector("[data-near-me]");
  var lat = document.querySelector("[data-near-lat]");
  var lon = document.querySelector("[data-near-lon]");
  if (!button || !lat || !lon || !navigator.geolocation) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(5);
      lon.value = position.coords.longitude.toFixed(5);
      var place = document.getElementById("place");
      if (place) { place.value = ""; }
      button.form.submit();
    });
  });
})();
