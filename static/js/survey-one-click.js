// The one-click link of the e-mail: record the chosen rating at once (a GET never does, so
// that mail scanners opening the link record nothing). Without JavaScript, the button does.
// The page gives the address to POST to in the status box's data-rate-url.
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  var status = document.getElementById("rating-status");
  if (!form || !status || !status.dataset.rateUrl) {
    return;
  }
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  fetch(status.dataset.rateUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: {"X-CSRFToken": token, "X-Requested-With": "fetch"}
  }).then(function (response) {
    if (response.ok) {
      status.textContent = status.dataset.sentText;
      status.classList.replace("alert-info", "alert-success");
    }
  });
})();
