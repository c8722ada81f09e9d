// Material fetches the whole search index as soon as any page loads; most readers never search, and
// the index weighs more than the page. This runs before Material's bundle and holds that one request
// back until the reader first turns to search (focus, click or the search shortcut keys).
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const held = [];
  let released = false;

  const release = () => {
    if (released) return;
    released = true;
    for (const resume of held.splice(0)) resume();
  };

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.edSearchIndex = INDEX.test(String(url));
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (this.edSearchIndex && !released) {
      held.push(() => send.apply(this, args));
      return undefined;
    }
    return send.apply(this, args);
  };

  const wantsSearch = (target) =>
    target instanceof Element &&
    (target.matches("[data-md-component=search-query], #__search") || target.closest("label[for=__search]"));
  document.addEventListener("focusin", (event) => wantsSearch(event.target) && release(), true);
  document.addEventListener("pointerdown", (event) => wantsSearch(event.target) && release(), true);
  document.addEventListener("change", (event) => wantsSearch(event.target) && release(), true);
  // Material opens search with "/", "s" or "f" when no field has focus.
  document.addEventListener("keydown", (event) => ["/", "s", "f", "S", "F"].includes(event.key) && release(), true);
})();
