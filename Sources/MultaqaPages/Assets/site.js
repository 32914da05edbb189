// Progressive enhancement only: every page works without this file.
// On the registration form, the collectivity list is narrowed to the chosen region, and a search
// box filters it by name (Arabic or French) or code.
document.addEventListener("DOMContentLoaded", function () {
  var region = document.getElementById("region");
  var list = document.getElementById("collectivity");
  if (!region || !list) { return; }
  var all = Array.prototype.slice.call(list.querySelectorAll("option[data-region]"));
  var search = document.getElementById("collectivity-search");
  var searchField = document.getElementById("collectivity-search-field");
  if (searchField) { searchField.hidden = false; }
  function fold(text) { return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f]/g, ""); }
  function apply() {
    var chosen = region.value;
    var query = search ? fold(search.value.trim()) : "";
    all.forEach(function (option) {
      var inRegion = !chosen || option.getAttribute("data-region") === chosen;
      var matches = !query || fold(option.textContent + " " + option.value).indexOf(query) !== -1;
      option.hidden = !(inRegion && matches);
      option.disabled = option.hidden;
    });
    Array.prototype.forEach.call(list.querySelectorAll("optgroup"), function (group) {
      group.hidden = !Array.prototype.some.call(group.children, function (option) { return !option.hidden; });
    });
    var selected = list.options[list.selectedIndex];
    if (selected && selected.hidden) { list.value = ""; }
  }
  region.addEventListener("change", apply);
  if (search) { search.addEventListener("input", apply); }
  apply();
});

// Check-in kiosk: each scan is sent without leaving the page, its answer shown at once, and the
// code field emptied and focused again for the next badge. Without this script the form posts and
// the answer comes back as a page with the field focused.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("scan-form");
  if (!form || !window.fetch) { return; }
  var code = document.getElementById("scan-code");
  var result = document.getElementById("scan-result");
  var place = document.getElementById("place");
  var queue = [];
  var busy = false;
  function refocus() { if (document.activeElement !== place) { code.focus(); } }
  document.addEventListener("click", function () { setTimeout(refocus, 0); });
  if (place) { place.addEventListener("change", function () { code.focus(); }); }
  // One scan at a time, in the order scanned: a badge scanned while the previous answer is on
  // its way waits its turn instead of being lost.
  function next() {
    if (busy || !queue.length) { return; }
    busy = true;
    fetch(form.action, { method: "POST", body: queue.shift(), credentials: "same-origin",
                         headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        result.textContent = answer.message;
        result.className = "scan-result tone-" + answer.tone;
        if (answer.reload) { window.location.reload(); }
      })
      .catch(function () {
        result.textContent = result.getAttribute("data-offline");
        result.className = "scan-result tone-bad";
      })
      .then(function () { busy = false; refocus(); next(); });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!code.value.trim()) { return; }
    queue.push(new URLSearchParams(new FormData(form)));
    code.value = "";
    next();
  });
});
