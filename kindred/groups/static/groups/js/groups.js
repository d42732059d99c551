/* Chapter markers of an uploaded group recording: a button per chapter moves the video there.
   Without JavaScript the buttons stay hidden and the times are plain text. */
(function () {
  "use strict";
  var video = document.querySelector("[data-group-video]");
  if (!video) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("[data-seek]"), function (button) {
    button.hidden = false;
    button.setAttribute("aria-label", "Play from " + button.textContent);
    button.addEventListener("click", function () {
      video.currentTime = Number(button.getAttribute("data-seek")) || 0;
      video.play();
      video.focus();
    });
  });
})();
