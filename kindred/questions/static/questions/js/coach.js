// The coach's reply editor: insert a CRAFT pointer at the cursor instead of posting the form.
(function () {
  "use strict";
  var data = document.getElementById("reply-templates");
  var button = document.querySelector("[data-insert-template]");
  var select = document.getElementById("id_template");
  var textarea = document.getElementById("id_text");
  if (!data || !button || !select || !textarea) return;
  var bodies = JSON.parse(data.textContent);
  button.addEventListener("click", function (event) {
    var body = bodies[select.value];
    if (!body) return;
    event.preventDefault();
    var start = textarea.selectionStart || 0;
    var end = textarea.selectionEnd || 0;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    var glue = before && !/\n\n$/.test(before) ? "\n\n" : "";
    var insert = glue + body.trim() + "\n\n";
    textarea.value = before + insert + after;
    var cursor = (before + insert).length;
    textarea.focus();
    textarea.setSelectionRange(cursor, cursor);
  });
})();
