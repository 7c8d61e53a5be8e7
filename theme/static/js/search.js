// The search box: Pagefind's UI over the index in the site's own pagefind/ folder.
// Pages link relatively, so the site root is found from this script's own address
// (theme/js/search.js): search then works at any depth and from any folder.
(function () {
  "use strict";
  var root = new URL("../../", document.currentScript.src).pathname;

  function start() {
    if (typeof PagefindUI === "undefined") {
      return; // the site was built without its search bundle: the box stays hidden
    }
    new PagefindUI({
      element: "#search",
      baseUrl: root,
      bundlePath: root + "pagefind/",
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      translations: { placeholder: "Stoltenberg, Crimea, sanctions…" }
    });
    // Pagefind's input has only a title; give it the visible label the page provides.
    // (Pagefind's form is the search landmark.)
    var input = document.querySelector("#search input");
    if (input) {
      input.id = "search-input";
      document.querySelector(".search").hidden = false;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
