// The request form lists the extra questions of every subject area; show only those of the
// chosen one. Without this script all groups stay visible, each titled with its subject area,
// and the server checks only the chosen one's answers.
(function () {
  "use strict";
  function init() {
    var select = document.getElementById("id_category");
    var groups = document.querySelectorAll(".category-questions[data-category]");
    if (!select || !groups.length) {
      return;
    }
    function update() {
      groups.forEach(function (group) {
        var shown = group.dataset.category === select.value;
        group.hidden = !shown;
        group.disabled = !shown;
      });
    }
    document.querySelectorAll(".category-questions .js-hide").forEach(function (note) {
      note.hidden = true;
    });
    select.addEventListener("change", update);
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
