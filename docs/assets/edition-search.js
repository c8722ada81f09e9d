/* Search down to the passage, on Pagefind's index (built from the rendered pages into pagefind/).
 *
 * Pagefind returns pages; the generator marked each paragraph, note, glossary entry and claim as an element
 * with an id, which Pagefind keeps as an anchor with the position of its first word. A page's matching words
 * are split by those anchors, so that each passage is one result, ranked on its own, linking to its anchor
 * (#p17, #fn:ID, #ENTRY-ID, #CLAIM-ID) with the words to highlight on arrival (?pagefind-highlight=).
 * "¶17" or "p17" asks the index for the page whose paragraph filter holds 17.
 *
 * Nothing loads until the reader opens search; nothing is fetched from another host. The box is a modal
 * <dialog> (focus stays inside, Escape closes), the count of results is announced in a polite live region,
 * and ↓/↑ move between the results. It runs again after Material's instant navigation, if that is on.
 */
(() => {
  "use strict";

  const SUGGESTIONS = ["Tukhachevsky", "Gamarnik", "hero-cult", "frame-up", "Hobson’s choice", "¶16"];
  const PAGE_SIZE = 10;
  const EXCERPT_WORDS = 30;
  const HIGHLIGHT = "pagefind-highlight";
  // The text itself first, then what the edition says about it; the claims register restates the text most.
  const KIND_WEIGHT = { paragraph: 1.6, entry: 1, note: 1, page: 1, claim: 0.7 };
  const PARAGRAPH = /^\s*(?:¶|§|p|para(?:graph)?\.?)\s*(\d{1,3})\s*$/i;
  const SEARCH_ICON =
    "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";

  // The site's root: this script lives in assets/ (the same under any renderer and any sub-path).
  const script = document.currentScript;
  const ROOT = new URL("../", script ? script.src : location.href);

  const el = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const escapeHtml = (text) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

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

  // Passages -----------------------------------------------------------------------------------------------

  /** What an anchor of the index is, if it is a passage: its kind and how the result is titled. */
  function passageKind(anchor) {
    if (anchor.element === "p" && /^p\d+$/.test(anchor.id)) return "paragraph";
    if (anchor.element === "li" && anchor.id.startsWith("fn:")) return "note";
    if (anchor.element === "h3") return "entry";
    if (anchor.element === "div") return "claim";
    return null;
  }

  /** A page's matches, one result per passage: [{url, title, kind, score, excerpt}]. */
  function passagesOf(data, terms, pageRank) {
    const words = data.content.split(/[\r\n\s]+/g);
    const anchors = data.anchors
      .filter((anchor) => passageKind(anchor))
      .sort((a, b) => a.location - b.location);
    const notes = (data.filters?.note || []).map(Number).sort((a, b) => a - b);
    const noteIds = anchors.filter((a) => passageKind(a) === "note").map((a) => a.id);
    const pageTitle = data.meta?.title || "";
    const groups = new Map();
    for (const word of data.weighted_locations) {
      let owner = null;
      for (const anchor of anchors) {
        if (anchor.location <= word.location) owner = anchor;
        else break;
      }
      const key = owner ? owner.id : "";
      if (!groups.has(key)) groups.set(key, { anchor: owner, locations: [] });
      groups.get(key).locations.push(word);
    }
    const results = [];
    for (const { anchor, locations } of groups.values()) {
      const start = anchor ? anchor.location : 0;
      const next = anchors.find((a) => a.location > start);
      const end = anchor ? (next ? next.location : words.length) : anchors.length ? anchors[0].location : words.length;
      const kind = anchor ? passageKind(anchor) : "page";
      let title = pageTitle;
      if (kind === "paragraph") title = `¶${anchor.id.slice(1)} · ${pageTitle}`;
      else if (kind === "note") {
        const number = notes[noteIds.indexOf(anchor.id)];
        title = `Note ${number ?? ""} · ${pageTitle}`.replace("  ", " ");
      } else if (kind === "entry") title = `${anchor.text} · Glossary`;
      else if (kind === "claim") {
        const head = words.slice(start, start + 8).join(" ");
        const match = head.match(/^(\S+) · claim (\d+) · ¶(\d+)/);
        title = match ? `Claim ${match[2]} (${match[1].toLowerCase()}, ¶${match[3]}) · Claims register` : pageTitle;
      }
      results.push({
        url: passageUrl(data.url, anchor ? anchor.id : "", terms),
        title,
        kind,
        score: scoreOf(words, locations, end - start, terms) * KIND_WEIGHT[kind],
        pageRank,
        excerpt: excerptOf(words, start, end, locations.map((word) => word.location)),
      });
    }
    return results;
  }

  /** BM25 over the passage (matches saturate, long passages count less), times the share of the query's
      words it holds: a passage with all of them comes before one with some. */
  function scoreOf(words, locations, length, terms) {
    const weight = locations.reduce((sum, word) => sum + (word.weight || 1), 0);
    const k1 = 1.2;
    const b = 0.75;
    const typical = 120;
    const bm25 = (weight * (k1 + 1)) / (weight + k1 * (1 - b + (b * length) / typical));
    const found = locations.map((word) => fold(words[word.location] || ""));
    const held = terms.filter((term) => {
      const stem = fold(term).slice(0, 5);
      return found.some((word) => word.includes(stem));
    }).length;
    return bm25 * (terms.length ? (held / terms.length) ** 2 : 1);
  }

  const fold = (word) =>
    word
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "");

  function passageUrl(pageUrl, id, terms) {
    const url = new URL(pageUrl, location.href);
    url.search = "";
    for (const term of terms) url.searchParams.append(HIGHLIGHT, term);
    url.hash = id ? `#${id}` : "";
    return url.href;
  }

  /** The passage's words around its densest run of matches, the matching words marked. */
  function excerptOf(words, start, end, locations) {
    const length = Math.min(EXCERPT_WORDS, end - start);
    let best = start;
    let bestCount = -1;
    for (const location of locations) {
      const from = Math.max(start, Math.min(location - Math.floor(length / 3), end - length));
      const count = locations.filter((l) => l >= from && l < from + length).length;
      if (count > bestCount) [best, bestCount] = [from, count];
    }
    const marked = new Set(locations);
    const shown = [];
    for (let i = best; i < best + length; i += 1) {
      const word = words[i] ?? "";
      // The word is marked, not the quotes and punctuation around it.
      const [, before, core, after] = word.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u);
      shown.push(
        marked.has(i) && core
          ? `${escapeHtml(before)}<mark>${escapeHtml(core)}</mark>${escapeHtml(after)}`
          : escapeHtml(word),
      );
    }
    return (best > start ? "… " : "") + shown.join(" ") + (best + length < end ? " …" : "");
  }

  async function searchPassages(term) {
    const api = await loadPagefind();
    const number = term.match(PARAGRAPH);
    if (number) {
      const found = await api.search(null, { filters: { paragraph: number[1] } });
      const results = [];
      for (const result of found.results) {
        const data = await result.data();
        const anchor = data.anchors.find((a) => a.id === `p${number[1]}`);
        if (!anchor) continue;
        const words = data.content.split(/[\r\n\s]+/g);
        const next = data.anchors.filter((a) => a.location > anchor.location).sort((a, b) => a.location - b.location)[0];
        const end = next ? next.location : words.length;
        results.push({
          url: passageUrl(data.url, anchor.id, []),
          title: `¶${number[1]} · ${data.meta?.title || ""}`,
          kind: "paragraph",
          score: 1,
          pageRank: 0,
          excerpt: excerptOf(words, anchor.location, end, []),
        });
      }
      if (results.length) return results;
    }
    const found = await api.search(term);
    if (!found) return [];
    const terms = term.split(/\s+/).filter(Boolean);
    const pages = await Promise.all(found.results.map((result) => result.data()));
    return pages
      .flatMap((data, rank) => passagesOf(data, terms, rank))
      .sort((a, b) => b.score - a.score || a.pageRank - b.pageRank);
  }

  // The search box -----------------------------------------------------------------------------------------

  let dialog = null;
  let shown = PAGE_SIZE;
  let latest = 0;
  let current = [];

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
      "Finds words in the essay’s paragraphs, the notes, the glossary entries and the claims register; each result leads to its passage with the words highlighted. A paragraph by its number: ¶17 or p17. With several words, the passages that hold all of them come first.",
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
    more.addEventListener("click", () => {
      shown += PAGE_SIZE;
      render();
      results.querySelectorAll("a")[shown - PAGE_SIZE]?.focus();
    });

    async function search(value) {
      const term = value.trim();
      const ticket = ++latest;
      suggestions.hidden = Boolean(term);
      // A lone letter or mark would ask for nearly every page of the index: wait for the next key.
      if (term && !PARAGRAPH.test(term) && term.replace(/[^\p{L}\p{N}]/gu, "").length < 2) return;
      if (!term) {
        current = [];
        status.textContent = "";
        render();
        return;
      }
      let found;
      try {
        found = await searchPassages(term);
      } catch (error) {
        if (ticket === latest) status.textContent = "Search is not available: its index could not be loaded.";
        throw error;
      }
      if (ticket !== latest) return;
      current = found;
      shown = PAGE_SIZE;
      status.textContent = found.length
        ? `${found.length} ${found.length === 1 ? "passage" : "passages"} found for “${term}”.`
        : `Nothing found for “${term}”.`;
      render();
    }

    function render() {
      results.replaceChildren(
        ...current.slice(0, shown).map((result) => {
          const excerpt = el("p", { class: "ed-search__excerpt" });
          excerpt.innerHTML = result.excerpt; // words of the index, escaped by excerptOf; only <mark> is added
          return el(
            "li",
            { class: `ed-search__result ed-search__result--${result.kind}` },
            el("a", { href: result.url }, result.title),
            excerpt,
          );
        }),
      );
      more.hidden = current.length <= shown;
    }

    document.body.append(box);
    return box;
  }

  function openSearch() {
    dialog = dialog && document.body.contains(dialog) ? dialog : buildDialog();
    if (!dialog.open) dialog.showModal();
    const input = dialog.querySelector("input");
    input.focus();
    input.select();
    loadPagefind();
  }

  function addButton() {
    if (document.querySelector(".ed-search-open")) return;
    const header = document.querySelector(".md-header__inner");
    const button = el("button", {
      type: "button",
      class: "md-header__button md-icon ed-search-open",
      "aria-haspopup": "dialog",
      "aria-label": "Search",
      title: "Search (/)",
    });
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", SEARCH_ICON);
    svg.append(path);
    button.append(svg);
    button.addEventListener("click", openSearch);
    if (header) header.append(button);
    else document.body.prepend(button);
  }

  // "/" opens search, as in Material, when the reader is not typing somewhere.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    event.preventDefault();
    openSearch();
  });

  /** Words a result asked for, highlighted in the passage it leads to. */
  function highlightArrival() {
    if (!new URLSearchParams(location.search).has(HIGHLIGHT)) return;
    import(new URL("pagefind/pagefind-highlight.js", ROOT).href).then(({ default: PagefindHighlight }) => {
      new PagefindHighlight({ highlightParam: HIGHLIGHT, addStyles: false, markOptions: { className: "ed-highlight" } });
    });
  }

  const start = () => {
    addButton();
    highlightArrival();
  };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
