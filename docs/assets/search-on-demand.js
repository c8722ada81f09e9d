// Material starts its search worker and fetches the whole search index as soon as any page loads;
// most readers never search, and the two weigh more than the page. This runs before Material's
// bundle and holds both back until the reader first turns to search (focus, click or the search
// shortcut keys); Material meanwhile talks to a stand-in that passes its messages on once started.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const SEARCH_WORKER = /\/workers\/search\.[^/]*\.js$/;
  const RealWorker = window.Worker;
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

  /** Material's search worker, not yet started: messages wait, and events come from the real one. */
  class HeldWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.waiting = [];
      this.real = null;
      held.push(() => {
        this.real = new RealWorker(url, options);
        for (const type of ["message", "messageerror", "error"]) {
          this.real.addEventListener(type, (event) =>
            this.dispatchEvent(type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data })),
          );
        }
        for (const message of this.waiting.splice(0)) this.real.postMessage(message);
      });
    }
    postMessage(message) {
      if (this.real) this.real.postMessage(message);
      else this.waiting.push(message);
    }
    terminate() {
      if (this.real) this.real.terminate();
    }
  }
  window.Worker = function Worker(url, options) {
    return SEARCH_WORKER.test(String(url)) && !released ? new HeldWorker(url, options) : new RealWorker(url, options);
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
