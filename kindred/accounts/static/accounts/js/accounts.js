/* Account pages: fill the time zone from the browser, and suggest a pseudonym without
   reloading the page. Both are enhancements: without JavaScript the select stays as it is and
   the "Suggest a name" button reloads the form with a suggestion. */
(function () {
  "use strict";

  function prefillTimeZone() {
    var select = document.querySelector("select[data-time-zone]");
    if (!select || select.value) return;
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) {
        select.value = zone;
        return;
      }
    }
  }

  function enhanceSuggestButton() {
    var button = document.querySelector("button[data-suggest-url]");
    var input = document.querySelector("input[data-pseudonym-input]");
    var status = document.querySelector("[data-suggest-status]");
    if (!button || !input || !window.fetch) return;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      fetch(button.getAttribute("data-suggest-url"), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error("suggestion failed");
          return response.json();
        })
        .then(function (data) {
          input.value = data.pseudonym;
          input.focus();
          if (status) status.textContent = "Suggested name: " + data.pseudonym;
        })
        .catch(function () {
          // Fall back to the form submission, which works without JavaScript.
          button.form.requestSubmit(button);
        });
    });
  }

  function ready() {
    prefillTimeZone();
    enhanceSuggestButton();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
