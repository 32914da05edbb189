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
