// Click-to-load for YouTube and Vimeo: nothing is requested from the video host until the
// visitor presses the button. Without JavaScript the plain link in the page still works.
(function () {
  "use strict";
  document.querySelectorAll("[data-external-video]").forEach(function (figure) {
    var button = figure.querySelector("[data-external-video-load]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-embed-url");
      frame.title = "Video: " + figure.getAttribute("data-title");
      frame.allow = "fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      // YouTube's player refuses to start without knowing the embedding origin.
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.className = "video__frame";
      var placeholder = figure.querySelector(".video__placeholder");
      placeholder.replaceWith(frame);
      frame.focus();
    });
  });
})();
