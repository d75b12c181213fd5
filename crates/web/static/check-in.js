// Progressive enhancement of a session's staff page: scan a registrant's QR code with the
// phone camera. The code holds the URL /pointage/{public_id}/{token}; we POST there with the
// page's CSRF token and mark the row present. Without BarcodeDetector or a camera, the block
// stays hidden and the "Présent" buttons and the search do the same job.
(function () {
  "use strict";
  var box = document.getElementById("scan");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.fetch) {
    return;
  }
  var start = document.getElementById("scan-start");
  var stop = document.getElementById("scan-stop");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var stream = null;
  var timer = null;
  var lastCode = "";
  var busy = false;
  var detector;
  try {
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  } catch (e) {
    return;
  }
  box.hidden = false;

  function say(text) { status.textContent = text; }

  function markRow(publicId) {
    var row = document.querySelector('tr[data-public-id="' + publicId + '"]');
    if (!row) { return; }
    var cell = row.querySelector(".presence");
    if (cell) { cell.textContent = box.getAttribute("data-present-label"); }
    row.classList.add("just-checked");
  }

  function bumpCount() {
    var count = document.getElementById("count-present");
    if (count) { count.textContent = String((parseInt(count.textContent, 10) || 0) + 1); }
  }

  function checkIn(raw) {
    var path;
    try { path = new URL(raw, window.location.origin).pathname; } catch (e) { return; }
    if (!/^\/pointage\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/.test(path)) { say(box.getAttribute("data-unknown")); return; }
    busy = true;
    fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: "_csrf=" + encodeURIComponent(box.getAttribute("data-csrf")) + "&event=" + encodeURIComponent(box.getAttribute("data-event"))
    })
      .then(function (r) { return r.ok || r.status === 409 ? r.json() : { status: "unknown" }; })
      .then(function (answer) {
        if (answer.status === "marked") {
          markRow(answer.public_id);
          bumpCount();
          say(box.getAttribute("data-marked") + " " + answer.name);
        } else if (answer.status === "already") {
          say(box.getAttribute("data-already") + " " + answer.name);
        } else if (answer.status === "other_session") {
          say(box.getAttribute("data-other"));
        } else {
          say(box.getAttribute("data-unknown"));
        }
      })
      .catch(function () { say(box.getAttribute("data-unknown")); })
      .then(function () { busy = false; });
  }

  function tick() {
    if (busy || !stream) { return; }
    detector.detect(video).then(function (codes) {
      if (!codes.length) { return; }
      var raw = codes[0].rawValue;
      if (raw === lastCode) { return; }
      lastCode = raw;
      checkIn(raw);
    }).catch(function () { /* the next frame may do */ });
  }

  function halt() {
    if (timer) { clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        start.hidden = true;
        stop.hidden = false;
        lastCode = "";
        return video.play();
      })
      .then(function () { timer = setInterval(tick, 300); })
      .catch(function () { halt(); say(box.getAttribute("data-unknown")); });
  });
  stop.addEventListener("click", halt);
})();
