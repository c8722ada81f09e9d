/* Search down to the passage, on Pagefind's index (built from the rendered pages into pagefind/).
 *
 * Each record of the index is one passage (a paragraph, a note, a glossary entry, a claim: edition/search.py),
 * its title and address (#p17, #fn:ID, #ENTRY-ID, #CLAIM-ID) in its metadata; a result links there with the
 * words to highlight on arrival (?pagefind-highlight=). Only the results shown are loaded.
 * "¶17" or "p17" is looked up in the edition's list of paragraphs (paragraphs.json).
 *
 * edition.js loads this script when the reader first opens search (the button or "/"), and highlights the
 * words on arrival; nothing is fetched from another host. The box is a modal <dialog> (focus stays inside,
 * Escape closes), the count of results is announced in a polite live region, and ↓/↑ move between the results.
 */
(() => {
  "use strict";

  const SUGGESTIONS = ["Tukhachevsky", "Gamarnik", "hero-cult", "frame-up", "Hobson’s choice", "¶16"];
  const PAGE_SIZE = 10;
  const EXCERPT_WORDS = 26;
  const PARAGRAPH = /^\s*(?:¶|p|para(?:graph)?\.?)\s*(\d{1,3})\s*$/i;

  // The site's root: this script lives in assets/ (the same under any renderer and any sub-path).
  const script = document.currentScript;
  const ROOT = new URL("../", script ? script.src : location.href);

  const el = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };

  // The parameter that carries the words to highlight on arrival: edition.js names it when it opens search.
  let highlightParameter = "";
  let pagefind = null;
  const loadPagefind = async () => {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(async (module) => {
        await module.options({ baseUrl: ROOT.pathname, excerptLength: EXCERPT_WORDS });
        module.init();
        return module;
      });
    }
    return pagefind;
  };

  // Results ------------------------------------------------------------------------------------------------

  /** A passage's address on the site, with the words to highlight there: its page, ?pagefind-highlight=, #id. */
  function passageUrl(address, terms) {
    const url = new URL(address.replace(/^\//, ""), ROOT); // addresses from the site's root, whatever its path
    if (highlightParameter) for (const term of terms) url.searchParams.append(highlightParameter, term);
    return url.href;
  }

  /** What a reader is shown of one result: its title, address and the words around the match, marked. */
  async function describe(result, terms) {
    const data = await result.data();
    return {
      title: data.meta.title,
      url: passageUrl(data.meta.url, terms),
      kind: data.meta.kind, // paragraph, note, entry or claim, as the build marked the passage
      excerpt: data.excerpt, // Pagefind's: the passage's words, escaped, the matching ones in <mark>
    };
  }

  let paragraphs = null;
  const loadParagraphs = () => {
    paragraphs ??= fetch(new URL("paragraphs.json", ROOT)).then((response) => response.json());
    return paragraphs;
  };

  /** "¶17" or "p17": the paragraph of that number, from the edition's list of paragraphs (paragraphs.json). */
  async function findParagraph(number) {
    const paragraph = (await loadParagraphs())[number];
    if (!paragraph) return [];
    const shown = document.createElement("span");
    shown.textContent = paragraph.opening;
    return [
      { data: async () => ({ meta: { title: paragraph.title, url: paragraph.url }, excerpt: shown.innerHTML }) },
    ];
  }

  /** The passages found, best first (Pagefind's ranking; the essay's words weigh most); each is described
      only when it is shown. */
  async function findPassages(term) {
    const number = term.match(PARAGRAPH);
    if (number) return { results: await findParagraph(number[1]), terms: [] };
    const found = await (await loadPagefind()).search(term);
    return { results: found ? found.results : [], terms: term.split(/\s+/).filter(Boolean) };
  }

  // The search box -----------------------------------------------------------------------------------------

  let dialog = null;
  let shown = PAGE_SIZE;
  let latest = 0;
  let current = { results: [], terms: [] };

  function buildDialog() {
    const input = el("input", {
      id: "ed-search-input",
      class: "ed-search__input",
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
      enterkeyhint: "search",
      "aria-describedby": "ed-search-help",
      "aria-controls": "ed-search-results",
    });
    const close = el("button", { type: "button", class: "ed-search__close" }, "Close");
    const help = el(
      "p",
      { id: "ed-search-help", class: "ed-search__help" },
      "Finds words in the essay’s paragraphs, the notes, the glossary entries and the claims register; each result leads to its passage with the words highlighted. A paragraph by its number: ¶17 or p17. Several words find the passages that hold all of them.",
    );
    const suggestions = el(
      "div",
      { class: "ed-search__suggestions" },
      el("h3", { id: "ed-search-suggested" }, "Try"),
      el(
        "ul",
        { "aria-labelledby": "ed-search-suggested" },
        ...SUGGESTIONS.map((term) => el("li", {}, el("button", { type: "button", "data-term": term }, term))),
      ),
    );
    const status = el("p", { class: "ed-search__status", role: "status", "aria-live": "polite" });
    const results = el("ol", { id: "ed-search-results", class: "ed-search__results", "aria-label": "Results" });
    const more = el("button", { type: "button", class: "ed-search__more", hidden: "" }, "More results");
    const form = el(
      "form",
      { class: "ed-search__form", role: "search" },
      el("label", { for: "ed-search-input", class: "ed-search__label" }, "Search the edition"),
      el("div", { class: "ed-search__row" }, input, close),
    );
    const box = el(
      "dialog",
      { class: "ed-search", "aria-label": "Search the edition" },
      form,
      help,
      suggestions,
      status,
      results,
      more,
    );

    let timer = 0;
    const run = () => {
      clearTimeout(timer);
      timer = setTimeout(() => search(input.value), 120);
    };
    input.addEventListener("input", run);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = results.querySelector("a");
      if (first) location.href = first.href;
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault(); // a search field would only clear itself: Escape closes search at once
        box.close();
      }
      if (event.key === "ArrowDown") {
        const first = results.querySelector("a");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    results.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const links = Array.from(results.querySelectorAll("a"));
      const at = links.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      if (event.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)].focus();
      else if (at === 0) input.focus();
      else links[at - 1].focus();
    });
    results.addEventListener("click", (event) => {
      if (event.target.closest("a")) box.close();
    });
    close.addEventListener("click", () => box.close());
    box.addEventListener("click", (event) => {
      if (event.target === box) box.close(); // a click on the backdrop
    });
    suggestions.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-term]");
      if (!button) return;
      input.value = button.dataset.term;
      input.focus();
      search(input.value);
    });
    more.addEventListener("click", async () => {
      shown += PAGE_SIZE;
      await render();
      results.querySelectorAll("a")[shown - PAGE_SIZE]?.focus();
    });

    async function search(value) {
      const term = value.trim();
      const ticket = ++latest;
      suggestions.hidden = Boolean(term);
      // A lone letter or mark would ask for nearly every page of the index: wait for the next key.
      if (term && !PARAGRAPH.test(term) && term.replace(/[^\p{L}\p{N}]/gu, "").length < 2) return;
      if (!term) {
        current = { results: [], terms: [] };
        status.textContent = "";
        await render(ticket);
        return;
      }
      let found;
      try {
        found = await findPassages(term);
      } catch (error) {
        if (ticket === latest) status.textContent = "Search is not available: its index could not be loaded.";
        throw error;
      }
      if (ticket !== latest) return;
      current = found;
      shown = PAGE_SIZE;
      await render(ticket);
      if (ticket !== latest) return;
      const count = found.results.length;
      // Announced once the results are there to be read.
      status.textContent = count
        ? `${count} ${count === 1 ? "passage" : "passages"} found for “${term}”.`
        : `Nothing found for “${term}”.`;
    }

    async function render(ticket = latest) {
      const described = await Promise.all(
        current.results.slice(0, shown).map((result) => describe(result, current.terms)),
      );
      if (ticket !== latest) return;
      results.replaceChildren(
        ...described.map((result) => {
          const excerpt = el("p", { class: "ed-search__excerpt" });
          excerpt.innerHTML = result.excerpt;
          return el(
            "li",
            { class: `ed-search__result ed-search__result--${result.kind}` },
            el("a", { href: result.url }, result.title),
            excerpt,
          );
        }),
      );
      more.hidden = current.results.length <= shown;
    }

    document.body.append(box);
    return box;
  }

  function openSearch(event) {
    highlightParameter = event.detail?.highlight || highlightParameter;
    dialog = dialog && document.body.contains(dialog) ? dialog : buildDialog();
    if (!dialog.open) dialog.showModal();
    const input = dialog.querySelector("input");
    input.focus();
    input.select();
    loadPagefind();
  }

  // edition.js draws the search button and the "/" key, and loads this script when a reader first asks.
  document.addEventListener("edition:search", openSearch);
})();
