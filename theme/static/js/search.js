// The search box: Pagefind's UI over the index in the site's own pagefind/ folder.
// Pages link relatively, so the site root is found from this script's own address
// (theme/js/search.js): search then works at any depth and from any folder.
// The index is sharded (pagefind/shards.json lists one Pagefind bundle per shard): the
// first bundle is searched and the others are merged into it (Pagefind's mergeIndex).
(function () {
  "use strict";
  var root = new URL("../../", document.currentScript.src).pathname;
  // The UI gives the first bundle its excerpt length (12 words beside sub-results) but not
  // merged ones (30): every bundle is told the same.
  var excerptLength = 12;

  function loadBundles() {
    // no-cache: revalidate, so a new build's shards are never paired with an old list
    return fetch(root + "pagefind/shards.json", { cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("pagefind/shards.json: " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        return state.shards
          .filter(function (shard) { return shard.bundle; }) // an empty shard has none
          .map(function (shard) { return root + shard.bundle; });
      });
  }

  function start(bundles) {
    if (typeof PagefindUI === "undefined" || bundles.length === 0) {
      return; // the site was built without a search index: the box stays hidden
    }
    new PagefindUI({
      element: "#search",
      baseUrl: root,
      bundlePath: bundles[0],
      excerptLength: excerptLength,
      mergeIndex: bundles.slice(1).map(function (bundle) {
        return { bundlePath: bundle, baseUrl: root, excerptLength: excerptLength };
      }),
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

  var domReady = new Promise(function (resolve) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", resolve);
    } else {
      resolve();
    }
  });
  Promise.all([loadBundles(), domReady])
    .then(function (ready) { start(ready[0]); })
    .catch(function (error) {
      console.warn("Search is unavailable:", error); // the box stays hidden
    });
})();
