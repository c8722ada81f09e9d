/* The reading edition's behaviour, on top of Material for MkDocs.
 *
 * - Popups for names (a.mention), emendations (a.emendation), notes (a.footnote-ref) and claims (a.claim-ref):
 *   on hover, on keyboard focus and on tap (the first tap opens the popup instead of following the link).
 *   A link to a glossary entry inside a popup opens a popup of its own, and on the glossary and the timeline
 *   a ¶ link previews its paragraph; Escape closes the innermost popup. On a phone a popup is a sheet at the
 *   foot of the screen, and where the right margin has room the notes stand beside the text as sidenotes.
 *   Two switches in the header turn the popups and the claim marks off, remembered in localStorage.
 * - The "Copy link" and "Cite" buttons the build writes into each paragraph, and "Link to this passage" for a
 *   selection (a text fragment URL that is checked to find exactly the selected words before it is copied).
 * - n and p go to the next and the previous section; ? lists the keys.
 * - The reading position of each section is remembered; the landing page offers to continue from it.
 * - The filters of the claims register; the paragraph a URL points at is highlighted.
 *
 * What the page needs before any interaction (the tools, what a screen reader hears, what paper shows) the
 * build writes into it. What runs at load binds listeners, marks states and adds the header's buttons, in
 * short tasks, and lays none of the text out again.
 *
 * Material replaces the page's content on instant navigation, so per-page work runs from `document$`
 * (first load and every navigation) and listeners are bound once, on the document, by delegation.
 * Every URL is built from the site's base (Material's __md_scope) or the page's own location, never from "/",
 * because the site is served under a sub-path (GitHub Pages: /REPO/). Facts about the text (title, author,
 * periodical) come from the page's citation_* meta tags, which the build writes.
 */
(() => {
  "use strict";

  const TRIGGERS = "a.mention, a.emendation, a.footnote-ref, a.claim-ref";
  const SETTING = "edition.popups";
  const CLAIMS_SETTING = "edition.claims";
  const POSITION = "edition.position";
  const PHONE = "(max-width: 44.984375em)";
  const SIDENOTE_ROOM = 200; // px of right margin a sidenote needs, gaps included
  // The widths at which edition.css gives the text a margin for notes: below them nothing is measured, which on
  // a phone would cost a layout of the whole page for nothing.
  const SIDENOTE_SCREEN = "screen and (min-width: 76.25em)";
  const ICONS = {
    // Material Design Icons (Apache 2.0), as shipped with Material for MkDocs.
    link: "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5 5 0 0 1 0-7.07l3.54-3.54a5 5 0 0 1 7.07 0 5 5 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a3 3 0 0 0 0-4.24 3 3 0 0 0-4.24 0l-3.53 3.53a3 3 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5 5 0 0 1 0 7.07l-3.54 3.54a5 5 0 0 1-7.07 0 5 5 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a3 3 0 0 0 0 4.24 3 3 0 0 0 4.24 0l3.53-3.53a3 3 0 0 0 0-4.24.97.97 0 0 1 0-1.42",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
    popupsOn:
      "M4 2h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4l-4 4-4-4H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2m0 2v12h4.83L12 19.17 15.17 16H20V4zm2 3h12v2H6zm0 4h10v2H6z",
    popupsOff:
      "M20 2H4c-1.1 0-2 .9-2 2v12a2 2 0 0 0 2 2h4l4 4 4-4h4c1.11 0 2-.89 2-2V4a2 2 0 0 0-2-2m0 14h-4.83L12 19.17 8.83 16H4V4h16zM8.46 12.12 10.59 10 8.46 7.88l1.42-1.41L12 8.59l2.12-2.12 1.42 1.41L13.41 10l2.13 2.12-1.42 1.42L12 11.41l-2.12 2.13z",
    claimsOn: "M12 2 2 12l10 10 10-10zm0 2.83L19.17 12 12 19.17 4.83 12z",
    claimsOff: "M12 2 2 12l10 10 10-10zm0 2.83L19.17 12 12 19.17 4.83 12zM3.41 2 2 3.41 20.59 22 22 20.59z",
    search:
      "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
  };
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // Helpers ------------------------------------------------------------------------------------------------

  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function icon(path) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.append(shape);
    return svg;
  }

  /** The site's root URL: Material's __md_scope, else the config's relative base. */
  function siteRoot() {
    if (window.__md_scope) return new URL(window.__md_scope.href.replace(/\/?$/, "/"));
    const config = document.getElementById("__config");
    const base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /** The directory URL of this page (use_directory_urls: every page is a folder), without query or hash. */
  function pageUrl() {
    return new URL(".", location.href).href;
  }

  const isPage = (path) => pageUrl() === new URL(path, siteRoot()).href;

  /** The canonical address of a paragraph's page: its section page, also when read on the whole-essay page,
      where each section starts with an h2 whose id is the section's slug. */
  function sectionUrl(paragraph) {
    return sectionOf(paragraph).url;
  }

  function sectionOf(paragraph) {
    let node = paragraph.previousElementSibling;
    while (node && node.tagName !== "H2" && node.tagName !== "H1") node = node.previousElementSibling;
    if (node && node.tagName === "H2" && node.id)
      return { url: new URL(`essay/${node.id}/`, siteRoot()).href, title: node.textContent.trim() };
    const heading = document.querySelector(".md-content h1");
    return { url: pageUrl(), title: heading ? heading.textContent.trim() : document.title };
  }

  function load(key, fallback) {
    try {
      const stored = window.__md_get ? __md_get(key) : JSON.parse(localStorage.getItem(key));
      return stored === null || stored === undefined ? fallback : stored;
    } catch {
      return fallback;
    }
  }

  function save(key, value) {
    settings.delete(key);
    try {
      if (window.__md_set) __md_set(key, value);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* storage may be off (private mode): the setting then lasts for this page only */
    }
  }

  // The reader's switches, read from storage once per page and again only after a change: every trigger asks.
  const settings = new Map();
  const switchedOn = (key) => {
    if (!settings.has(key)) settings.set(key, load(key, true) !== false);
    return settings.get(key);
  };
  const popupsEnabled = () => switchedOn(SETTING);
  const claimsShown = () => switchedOn(CLAIMS_SETTING);
  const isPhone = () => matchMedia(PHONE).matches && (navigator.maxTouchPoints > 0 || matchMedia("(pointer: coarse)").matches);

  /** The bottom of the sticky header: nothing the edition shows goes above it. */
  function headerBottom() {
    const header = document.querySelector(".md-header");
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  // Copying ------------------------------------------------------------------------------------------------

  let toastTimer = 0;

  /** Say what happened at the foot of the screen; role=status reads it to screen readers too. */
  function toast(message) {
    let box = document.querySelector(".ed-toast");
    if (!box) {
      box = el("div", { class: "ed-toast", role: "status", "aria-live": "polite" });
      document.body.append(box);
    }
    box.textContent = message;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (box.textContent = ""), 6000);
  }

  /** Copy text (and HTML where the browser allows, so italics survive a paste). */
  async function copy(text, html) {
    try {
      if (html && window.ClipboardItem && navigator.clipboard.write) {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/plain": new Blob([text], { type: "text/plain" }),
            "text/html": new Blob([html], { type: "text/html" }),
          }),
        ]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      return true;
    } catch {
      // No async clipboard (an http page elsewhere than localhost, or permission refused): the old way.
      const area = el("textarea", { readonly: "", "aria-hidden": "true", style: "position:fixed;opacity:0" });
      area.value = text;
      document.body.append(area);
      area.select();
      let done = false;
      try {
        done = document.execCommand("copy");
      } catch {
        done = false;
      }
      area.remove();
      return done;
    }
  }

  // Popups -----------------------------------------------------------------------------------------------

  /* The open popups, outermost first: { box, trigger, sticky }. A trigger inside popup i opens popup i+1. */
  const stack = [];
  const pool = []; // popup elements, reused by level
  let pointerDownAt = 0;
  let pointerType = "mouse";
  let showTimer = 0;
  let pruneTimer = 0;
  let quietFocus = null; // a trigger given focus back by Escape: its focus does not reopen the popup

  const top = () => stack[stack.length - 1];
  const levelOf = (node) => stack.findIndex((entry) => node instanceof Node && entry.box.contains(node));

  /** What kind of popup an element opens, or "". */
  function kindOf(node) {
    if (!(node instanceof Element)) return "";
    const inPopup = node.closest(".ed-popup");
    const link = node.closest("a[href]");
    if (!link) return "";
    if (inPopup) {
      if (link.closest(".ed-popup__more, .ed-popup__head")) return "";
      const url = new URL(link.href, location.href);
      if (url.hash.length > 1 && url.pathname === new URL("glossary/", siteRoot()).pathname) return "entry";
      return "";
    }
    if (link.closest(".ed-sidenote")) return "";
    if (link.matches("a.mention")) return "mention";
    if (link.matches("a.emendation")) return "emendation";
    if (link.matches("a.claim-ref")) return claimsShown() ? "claim" : "";
    if (link.matches("a.footnote-ref")) return sidenotesOn() ? "" : "note";
    if (link.matches(".paragraph-ref")) return "paragraph"; // the glossary's "Mentioned in", the timeline
    return "";
  }

  const triggerOf = (node) => (kindOf(node) ? node.closest("a[href]") : null);

  function popupBox(level) {
    let box = pool[level];
    if (!box || !box.isConnected) {
      box = el("div", {
        class: "ed-popup md-typeset",
        id: level ? `ed-popup-${level + 1}` : "ed-popup",
        role: "dialog",
        tabindex: "-1",
        hidden: "",
      });
      document.body.append(box);
      pool[level] = box;
    }
    return box;
  }

  function closeButton() {
    const button = el("button", { type: "button", class: "ed-popup__close", "aria-label": "Close" });
    button.append(icon(ICONS.close));
    return button;
  }

  const more = (href, text) => el("p", { class: "ed-popup__more" }, el("a", { href }, text));

  /** A name's popup: its name, dates and summary, as the build gives them. */
  function entryParts({ name, dates, summary }, href) {
    const heading = el("p", { class: "ed-popup__head" }, name);
    if (dates) heading.append(" ", el("span", { class: "ed-popup__dates" }, `(${dates})`));
    return { label: name, nodes: [heading, el("p", {}, summary), more(href, "Full entry")] };
  }

  const partText = (root, selector) => (root && root.querySelector(selector)?.textContent.trim()) || "";

  /** An entry's parts from its description on this page (render.description marks them). */
  const describedEntry = (element) => ({
    name: partText(element, ".ed-name"),
    dates: partText(element, ".ed-dates"),
    summary: partText(element, ".ed-summary"),
  });

  const fetchedPages = new Map();

  /** Another page of the site as a document, fetched once however often it is asked for; null if it cannot be. */
  function fetchedPage(href) {
    const address = new URL(href, location.href).href.split("#")[0];
    if (!fetchedPages.has(address)) {
      const page = fetch(address)
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => new DOMParser().parseFromString(html, "text/html"))
        .catch(() => null);
      fetchedPages.set(address, page);
    }
    return fetchedPages.get(address);
  }

  /** A glossary entry by its address: from this page's descriptions if named here, else from the glossary. */
  async function entryContent(link) {
    const url = new URL(link.href, location.href);
    const id = decodeURIComponent(url.hash.slice(1));
    const here = document.getElementById(`about-${id}`);
    if (here) return entryParts(describedEntry(here), link.getAttribute("href"));
    const doc = isPage("glossary/") ? document : await fetchedPage(link.href);
    const heading = doc && doc.getElementById(id);
    if (!heading) return null;
    const facts = heading.nextElementSibling;
    const summary = heading.parentElement.querySelector(`#${CSS.escape(id)} ~ .entry-body .entry-summary`);
    const parts = { name: heading.textContent.trim(), dates: partText(facts, ".ed-dates"), summary: summary ? summary.textContent.trim() : "" };
    return entryParts(parts, link.getAttribute("href"));
  }

  /** A paragraph's words, fetched from its section page, for the ¶ links of the glossary and the timeline. */
  async function paragraphContent(link) {
    const url = new URL(link.href, location.href);
    const doc = await fetchedPage(link.href);
    const paragraph = doc && doc.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!paragraph) return null;
    const copy = paragraph.cloneNode(true);
    $$(".pnum, sup, .claim-ref, .ed-tools", copy).forEach((n) => n.remove());
    const title = doc.querySelector("h1");
    const number = paragraph.dataset.number;
    const section = title ? title.textContent.trim() : "";
    return {
      label: `Paragraph ${number}`,
      nodes: [
        el("p", { class: "ed-popup__head" }, `${section}, ¶${number}`),
        el("p", { class: "ed-popup__quote" }, copy.textContent.replace(/\s+/g, " ").trim()),
        more(link.getAttribute("href"), `Read ¶${number} in its section`),
      ],
    };
  }

  /** What a popup says about a trigger: { label, nodes }, or null if there is nothing to say. */
  async function popupContent(trigger, kind) {
    const href = trigger.getAttribute("href");
    if (kind === "entry") return entryContent(trigger);
    if (kind === "paragraph") return paragraphContent(trigger);
    if (kind === "note") {
      const note = document.getElementById(decodeURIComponent(trigger.hash.slice(1)));
      if (!note) return null;
      const number = trigger.textContent.trim();
      const body = el("div", { class: "ed-popup__body" }, el("p", {}, noteSentence(note)));
      // The note's "See also" entries come along: each opens its own popup.
      const related = $$(":scope > p", note).find((p) => p.querySelector("a[href*='glossary/#']"));
      if (related) {
        const line = related.cloneNode(true);
        $$(".footnote-backref", line).forEach((n) => n.remove());
        body.append(line);
      }
      return {
        label: `Note ${number}`,
        nodes: [el("p", { class: "ed-popup__head" }, `Note ${number}`), body, more(href, "Read the full note")],
      };
    }
    if (kind === "claim") {
      const id = trigger.dataset.claim;
      // The whole essay carries no cards (all of them would double the page): its popups read the register.
      const card = document.getElementById(`card-${id}`) || document.getElementById(id) || (await registerCard(href, id));
      if (!card) return null;
      const clone = card.cloneNode(true);
      $$("[id]", clone).forEach((n) => n.removeAttribute("id"));
      $$(".claim__more", clone).forEach((n) => n.remove()); // the popup has its own way to the whole card
      clone.removeAttribute("id");
      // The type, the claim, each verdict with its reason, and the sources; the editor's longer notes stay on
      // the card in the register.
      $$(".claim__then > p:not(:first-child, .sources), .claim__now > p:not(:first-child, .sources)", clone).forEach(
        (n) => n.remove(),
      );
      const sources = $$(".sources", clone);
      if (sources.length) {
        const fold = el("details", { class: "ed-popup__sources" }, el("summary", {}, "Sources"));
        for (const source of sources) fold.append(source);
        clone.append(fold);
      }
      const head = clone.querySelector(".claim__head");
      if (head) head.classList.add("ed-popup__head");
      return {
        label: trigger.getAttribute("aria-label") || "Claim",
        nodes: [clone, more(href, "The whole card in the claims register")],
      };
    }
    if (kind === "emendation") {
      const sic = trigger.dataset.sic || "";
      const reason = trigger.dataset.reason || "";
      return {
        label: "Emendation",
        nodes: [
          el("p", { class: "ed-popup__head" }, "Emended"),
          el("p", {}, "The source reads “", el("i", {}, sic), "”; this edition “", trigger.textContent, "”."),
          el("p", {}, reason),
          more(href, "The list of emendations"),
        ],
      };
    }
    const described = document.getElementById(trigger.getAttribute("aria-describedby") || "");
    return described ? entryParts(describedEntry(described), href) : null;
  }

  /** A claim's card from the claims register, for a page that does not carry it. */
  async function registerCard(href, id) {
    const page = await fetchedPage(href);
    return page ? page.getElementById(id) : null;
  }

  /** A note's first sentence, as the build marked it; else its first paragraph, without the back-link. */
  function noteSentence(note) {
    const lead = note.querySelector(".note-lead");
    if (lead) return lead.textContent.trim();
    const first = (note.querySelector("p") || note).cloneNode(true);
    $$(".footnote-backref", first).forEach((n) => n.remove());
    return first.textContent.trim();
  }

  /** Place a popup next to its trigger, inside the viewport and below the header: below if it fits, else
      above, else where there is most room, its height capped to that room. On a phone: a sheet at the foot
      of the screen, and the page scrolled, if need be, so that the sheet does not cover the trigger. */
  function place(entry) {
    const { box, trigger } = entry;
    const margin = 8;
    const gap = 6;
    const viewHeight = window.innerHeight;
    const ceiling = headerBottom();
    box.style.maxHeight = "";
    box.style.left = "";
    box.style.top = "";
    if (box.classList.contains("ed-popup--sheet")) {
      box.style.maxHeight = `${Math.round(Math.min(viewHeight * 0.45, viewHeight - ceiling - 96))}px`;
      const rects = trigger.getClientRects();
      const last = rects.length ? rects[rects.length - 1] : trigger.getBoundingClientRect();
      const sheetTop = viewHeight - box.offsetHeight;
      if (last.bottom + margin > sheetTop) window.scrollBy(0, last.bottom + 2 * margin - sheetTop);
      const first = trigger.getClientRects()[0] || trigger.getBoundingClientRect();
      if (first.top < ceiling + margin) window.scrollBy(0, first.top - ceiling - margin);
      return;
    }
    box.style.left = "0px";
    box.style.top = "0px";
    const rects = trigger.getClientRects();
    const first = rects.length ? rects[0] : trigger.getBoundingClientRect();
    const last = rects.length ? rects[rects.length - 1] : first;
    const viewWidth = document.documentElement.clientWidth;
    const below = viewHeight - last.bottom - gap - margin;
    const above = first.top - gap - margin - ceiling;
    let height = box.offsetHeight;
    const downwards = height <= below || below >= above;
    const room = Math.max(downwards ? below : above, 80);
    if (height > room) {
      box.style.maxHeight = `${room}px`;
      height = room;
    }
    const rect = downwards ? last : first;
    const width = box.offsetWidth;
    const left = Math.max(margin, Math.min(rect.left, viewWidth - width - margin));
    const topAt = downwards ? rect.bottom + gap : rect.top - gap - height;
    // Absolute, in page coordinates: the popup then scrolls with the text it explains.
    box.style.left = `${left + window.scrollX}px`;
    box.style.top = `${Math.max(ceiling + margin, topAt) + window.scrollY}px`;
  }

  /** Open a popup for trigger with content; a trigger inside an open popup opens one above it. */
  function show(trigger, content, { keep = false } = {}) {
    clearTimeout(showTimer);
    if (!content) return;
    const level = levelOf(trigger) + 1;
    closeFrom(level);
    const box = popupBox(level);
    box.replaceChildren(closeButton(), ...content.nodes);
    box.setAttribute("aria-label", content.label);
    box.classList.toggle("ed-popup--sheet", isPhone());
    box.classList.toggle("ed-popup--nested", level > 0);
    box.scrollTop = 0;
    box.hidden = false;
    const entry = { box, trigger, sticky: keep };
    stack.push(entry);
    if (trigger.hasAttribute("aria-expanded")) trigger.setAttribute("aria-expanded", "true");
    trigger.classList.add("is-open");
    place(entry);
  }

  async function open(trigger, options) {
    const kind = kindOf(trigger);
    if (!kind) return;
    const content = await popupContent(trigger, kind);
    // Still wanted? The pointer may have moved on while the glossary or a section page loaded.
    if (options && options.check && !options.check()) return;
    show(trigger, content, options);
  }

  /** Close the popups from `level` up. */
  function closeFrom(level) {
    while (stack.length > level) {
      const { box, trigger } = stack.pop();
      box.hidden = true;
      box.replaceChildren();
      trigger.classList.remove("is-open");
      if (trigger.hasAttribute("aria-expanded")) trigger.setAttribute("aria-expanded", "false");
    }
  }

  const hide = () => closeFrom(0);

  /** Close the popups, innermost first, that neither the pointer nor the focus is on. */
  function prune() {
    while (stack.length) {
      const entry = top();
      const focus = document.activeElement;
      const held = entry.sticky || entry.box.matches(":hover") || entry.trigger.matches(":hover");
      if (held || entry.box.contains(focus) || focus === entry.trigger) return;
      closeFrom(stack.length - 1);
    }
  }

  function focusables(box) {
    return $$("a[href], button:not([disabled]), select, [tabindex]:not([tabindex='-1'])", box).filter(
      (n) => n.getClientRects().length,
    );
  }

  function bindPopupListeners() {
    // Which kind of pointer began a gesture: a tap must not follow the link at once, a mouse click may.
    window.addEventListener(
      "pointerdown",
      (event) => {
        pointerType = event.pointerType || "mouse";
        pointerDownAt = performance.now();
        // A press outside a popup and its trigger closes it, and the popups opened from it.
        let keep = stack.length;
        while (keep > 0) {
          const entry = stack[keep - 1];
          if (entry.box.contains(event.target) || entry.trigger.contains(event.target)) break;
          keep -= 1;
        }
        closeFrom(keep);
      },
      true,
    );

    // Hover, with a mouse only: a short delay so that passing over a name does not flash a popup, and a
    // grace period on leaving so the pointer can move into the popup (WCAG 1.4.13: hoverable).
    document.addEventListener("pointerover", (event) => {
      if (event.pointerType !== "mouse") return;
      highlightSidenote(event.target, true);
      const trigger = triggerOf(event.target);
      if (!trigger || !popupsEnabled()) return;
      clearTimeout(pruneTimer);
      if (stack.some((entry) => entry.trigger === trigger)) return;
      clearTimeout(showTimer);
      showTimer = setTimeout(() => open(trigger, { check: () => trigger.matches(":hover") }), 150);
    });
    document.addEventListener("pointerout", (event) => {
      if (event.pointerType !== "mouse") return;
      highlightSidenote(event.target, false);
      if (!triggerOf(event.target) && levelOf(event.target) < 0) return;
      clearTimeout(showTimer);
      clearTimeout(pruneTimer);
      pruneTimer = setTimeout(prune, 300);
    });

    // Keyboard focus opens the popup; focus from a press is left to the click that follows.
    document.addEventListener("focusin", (event) => {
      highlightSidenote(event.target, true);
      const trigger = triggerOf(event.target);
      const fromPointer = performance.now() - pointerDownAt < 600;
      if (trigger === quietFocus) {
        quietFocus = null;
        return;
      }
      if (trigger && popupsEnabled() && !fromPointer) {
        while (stack.length && !top().box.contains(trigger) && !top().sticky) closeFrom(stack.length - 1);
        open(trigger);
      } else prune();
    });
    document.addEventListener("focusout", (event) => highlightSidenote(event.target, false));

    // A tap: the first opens the popup without following the link; a second tap on the same trigger, or a
    // tap on the popup's own link, navigates. Bound on window in the capture phase to act before Material.
    window.addEventListener(
      "click",
      (event) => {
        if (event.target instanceof Element && event.target.closest(".ed-popup__close")) {
          const level = levelOf(event.target);
          const back = stack[level] && stack[level].trigger;
          closeFrom(level);
          if (back && back.isConnected) {
            quietFocus = back;
            back.focus();
          }
          return;
        }
        const trigger = triggerOf(event.target);
        if (!trigger || !popupsEnabled()) return;
        const type = typeof event.pointerType === "string" && event.pointerType ? event.pointerType : null;
        const touch = (type || (performance.now() - pointerDownAt < 1000 ? pointerType : "mouse")) !== "mouse";
        if (!touch || event.detail === 0) return; // mouse clicks and Enter follow the link
        const entry = stack.find((e) => e.trigger === trigger);
        if (entry) return;
        event.preventDefault();
        event.stopPropagation();
        open(trigger, { keep: true });
      },
      true,
    );

    document.addEventListener("keydown", (event) => {
      const entry = top();
      if (!entry) return;
      if (event.key === "Escape") {
        const back = entry.trigger;
        const focus = document.activeElement;
        const wasInside = entry.box.contains(focus) || focus === back;
        closeFrom(stack.length - 1);
        if (wasInside && back.isConnected && focus !== back) {
          quietFocus = back;
          back.focus();
        }
        event.stopPropagation();
        return;
      }
      if (event.key !== "Tab") return;
      const inside = focusables(entry.box);
      if (document.activeElement === entry.trigger && !event.shiftKey && inside.length) {
        event.preventDefault();
        inside[0].focus();
      } else if (entry.box.contains(document.activeElement)) {
        const at = inside.indexOf(document.activeElement);
        if (event.shiftKey && at <= 0) {
          event.preventDefault();
          quietFocus = entry.trigger;
          entry.trigger.focus();
        } else if (!event.shiftKey && at === inside.length - 1) {
          // Out of the popup: on to what follows its trigger, as if the popup were not there.
          const back = entry.trigger;
          closeFrom(stack.length - 1);
          quietFocus = back;
          back.focus();
        }
      }
    });

    window.addEventListener("resize", () => {
      stack.forEach(place);
      layoutSidenotes();
    });
  }

  /** Move each emendation's title into data-title, so the browser's own tooltip does not double the popup, and
      keep it as the words' description (the triggers' aria-expanded is updateSwitches' work). The rest of
      what assistive technology hears (a note marker's first sentence, an emendation's source reading) the
      build wrote into the page. */
  function prepareTriggers(article) {
    let store = article.querySelector(".ed-descriptions");
    if (!store) {
      store = el("div", { class: "ed-descriptions", hidden: "" });
      article.append(store);
    }
    const ids = new Map();
    const describe = (text) => {
      if (!ids.has(text)) {
        const id = `ed-desc-${ids.size + 1}`;
        ids.set(text, id);
        store.append(el("span", { id }, text));
      }
      return ids.get(text);
    };
    for (const link of $$("a.mention[title], a.emendation[title]", article)) {
      link.dataset.title = link.title;
      link.removeAttribute("title");
      if (!link.hasAttribute("aria-describedby")) link.setAttribute("aria-describedby", describe(link.dataset.title));
    }
  }

  /** aria-expanded on what opens a popup now; none on what is a plain link (popups off, or a sidenote). */
  function markExpandable(root = document) {
    for (const link of $$(`${TRIGGERS}, a.paragraph-ref`, root)) {
      if (popupsEnabled() && kindOf(link)) {
        if (!link.hasAttribute("aria-expanded")) link.setAttribute("aria-expanded", "false");
      } else link.removeAttribute("aria-expanded");
    }
  }

  /** The reader's switches in the header: popups on or off, claim marks shown or hidden, remembered. */
  function addSwitches() {
    const header = document.querySelector(".md-header__inner");
    if (!header) return;
    const make = (className, onClick) => {
      let button = header.querySelector(`.${className}`);
      if (button) return button;
      button = el("button", { type: "button", class: `md-header__button md-icon ${className}` });
      button.addEventListener("click", onClick);
      const before = header.querySelector("[data-md-component=palette]") || header.querySelector(".md-search");
      if (before) before.parentNode.insertBefore(button, before);
      else header.append(button);
      return button;
    };
    make("ed-popups-toggle", () => {
      const on = !popupsEnabled();
      save(SETTING, on);
      if (!on) hide();
      updateSwitches();
      toast(on ? "Popups on" : "Popups off: names and notes are plain links");
    });
    make("ed-claims-toggle", () => {
      const on = !claimsShown();
      save(CLAIMS_SETTING, on);
      hide();
      updateSwitches();
      toast(on ? "Claim marks shown" : "Claim marks hidden");
    });
    updateSwitches();
  }

  function updateSwitches() {
    const popups = document.querySelector(".ed-popups-toggle");
    const claims = document.querySelector(".ed-claims-toggle");
    const on = popupsEnabled();
    const shown = claimsShown();
    document.documentElement.classList.toggle("ed-no-popups", !on);
    document.documentElement.classList.toggle("ed-no-claims", !shown);
    if (popups) {
      popups.setAttribute("aria-pressed", String(on));
      popups.setAttribute("aria-label", "Show popups");
      popups.title = "Show popups";
      popups.replaceChildren(icon(on ? ICONS.popupsOn : ICONS.popupsOff));
    }
    if (claims) {
      claims.setAttribute("aria-pressed", String(shown));
      claims.setAttribute("aria-label", "Show claim marks");
      claims.title = "Show claim marks ◇";
      claims.replaceChildren(icon(shown ? ICONS.claimsOn : ICONS.claimsOff));
    }
    markExpandable();
  }

  // Sidenotes ---------------------------------------------------------------------------------------------

  let sidenoteArticle = null;

  const sidenotesOn = () => document.documentElement.classList.contains("ed-with-sidenotes");

  /** Where the right margin has room, each note's text stands beside its marker, never over another note. */
  function layoutSidenotes() {
    const article = sidenoteArticle;
    if (!article || !article.isConnected) return;
    const refs = $$("a.footnote-ref", article).filter((r) => !r.closest(".ed-sidenote, .footnote"));
    const content = article.closest(".md-content") || article.parentElement;
    const edge = () => Math.min(content.getBoundingClientRect().right, document.documentElement.clientWidth);
    const room = refs.length > 0 && matchMedia(SIDENOTE_SCREEN).matches ? edge() - article.getBoundingClientRect().right : 0;
    const wanted = room >= SIDENOTE_ROOM;
    let box = article.querySelector(".ed-sidenotes");
    if (!wanted) {
      if (box) box.hidden = true;
      if (sidenotesOn()) {
        document.documentElement.classList.remove("ed-with-sidenotes");
        markExpandable(article);
      }
      return;
    }
    if (!box) {
      box = el("div", { class: "ed-sidenotes", "aria-hidden": "true" });
      for (const ref of refs) box.append(sidenote(ref));
      article.append(box);
    }
    box.hidden = false;
    if (!sidenotesOn()) {
      document.documentElement.classList.add("ed-with-sidenotes");
      hide();
      markExpandable(article);
    }
    const width = Math.min(room - 48, 320);
    box.style.width = `${width}px`;
    let floor = 0;
    const origin = article.getBoundingClientRect().top;
    for (const note of box.children) {
      const ref = article.querySelector(`a.footnote-ref[href="${note.dataset.ref}"]`);
      if (!ref) continue;
      const at = ref.getBoundingClientRect().top - origin - 4;
      const topAt = Math.max(at, floor);
      note.style.top = `${Math.round(topAt)}px`;
      floor = topAt + note.offsetHeight + 12;
    }
  }

  function sidenote(ref) {
    const href = ref.getAttribute("href");
    const note = document.getElementById(decodeURIComponent(ref.hash.slice(1)));
    const number = ref.textContent.trim();
    const box = el("div", { class: "ed-sidenote", "data-ref": href });
    const first = note ? note.querySelector("p") : null;
    const text = el("p", {}, el("span", { class: "ed-sidenote__number" }, `${number} `));
    if (first) text.append(...Array.from(first.cloneNode(true).childNodes));
    $$(".footnote-backref, [id]", text).forEach((n) => (n.classList.contains("footnote-backref") ? n.remove() : n.removeAttribute("id")));
    // Out of the tab order and hidden from screen readers: the same note is at the end of the page.
    $$("a", text).forEach((a) => a.setAttribute("tabindex", "-1"));
    box.append(text);
    if (note && note.querySelectorAll(":scope > *").length > 1) {
      box.append(el("p", { class: "ed-sidenote__more" }, el("a", { href, tabindex: "-1" }, "Sources and more")));
    }
    return box;
  }

  /** A marker and its sidenote light each other up on hover and focus. */
  function highlightSidenote(target, on) {
    if (!sidenotesOn() || !(target instanceof Element)) return;
    const ref = target.closest("a.footnote-ref");
    const note = target.closest(".ed-sidenote");
    if (!ref && !note) return;
    const href = ref ? ref.getAttribute("href") : note.dataset.ref;
    const article = sidenoteArticle;
    if (!article) return;
    const marker = article.querySelector(`a.footnote-ref[href="${href}"]`);
    const side = article.querySelector(`.ed-sidenote[data-ref="${href}"]`);
    if (marker) marker.classList.toggle("is-active", on);
    if (side) side.classList.toggle("is-active", on);
  }

  function addSidenotes(article) {
    sidenoteArticle = article;
    layoutSidenotes();
    if (window.ResizeObserver && !article.edObserved) {
      article.edObserved = true;
      // Every change of the text's size: a face loading moves the markers, a new width can make room. Where
      // the screen is too narrow for sidenotes this measures nothing.
      new ResizeObserver(() => layoutSidenotes()).observe(article);
    }
  }

  // Paragraph links and citations ------------------------------------------------------------------------

  /** The edition's version, as the build printed it: it goes into every address copied, so that a reader
      who follows the link later is told if the paragraph changed since (assets/versions.js). */
  function editionVersion() {
    return document.querySelector('meta[name="edition.version"]')?.content || "";
  }

  function paragraphUrl(paragraph) {
    const version = editionVersion();
    return `${sectionUrl(paragraph)}${version ? `?v=${version}` : ""}#${paragraph.id}`;
  }

  /** What a paragraph's citation says around its number and address, as the build wrote it for the page
      (edition/metadata.py): author, title, journal, issue, edition and version. */
  function citationFacts() {
    const data = document.getElementById("edition-cite");
    if (!data) return null;
    try {
      return JSON.parse(data.textContent);
    } catch {
      return null;
    }
  }

  function citation(paragraph) {
    const facts = citationFacts();
    if (!facts) return null;
    const number = paragraph.dataset.number;
    const url = paragraphUrl(paragraph);
    const { author, title, journal, issue, edition, version } = facts;
    const now = new Date();
    const accessed = `${MONTHS[now.getMonth()]} ${now.getDate()}, ${now.getFullYear()}`;
    const where = edition ? `, in ${edition}${version ? `, version ${version}` : ""}` : "";
    const text = `${author}, “${title},” ${journal} ${issue}, ¶${number}${where}, ${url} (accessed ${accessed}).`;
    const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const whereHtml = edition ? `, in <i>${escapeHtml(edition)}</i>${version ? `, version ${escapeHtml(version)}` : ""}` : "";
    const html = `${escapeHtml(author)}, “${escapeHtml(title)},” <i>${escapeHtml(journal)}</i> ${escapeHtml(issue)}, ¶${number}${whereHtml}, ${escapeHtml(url)} (accessed ${accessed}).`;
    return { text, html, number, url };
  }

  /** On a touch screen the tools of a paragraph appear above the line the reader tapped, over the text. */
  function bindTouchTools() {
    document.addEventListener("pointerup", (event) => {
      if (event.pointerType === "mouse") return;
      const paragraph = event.target instanceof Element ? event.target.closest(".md-content p.para") : null;
      $$(".para.ed-tools-open").forEach((p) => p !== paragraph && p.classList.remove("ed-tools-open"));
      if (!paragraph || event.target.closest("a, button")) return;
      if (paragraph.classList.contains("ed-tools-open")) return; // they stay where they are: nothing moves
      const tools = paragraph.querySelector(".ed-tools");
      if (!tools) return;
      const box = paragraph.getBoundingClientRect();
      const x = Math.max(0, Math.min(event.clientX - box.left - 28, box.width - 56));
      const y = Math.max(-30, event.clientY - box.top - 48);
      tools.style.setProperty("--ed-tools-x", `${Math.round(x)}px`);
      tools.style.setProperty("--ed-tools-y", `${Math.round(y)}px`);
      paragraph.classList.add("ed-tools-open");
    });
  }

  function bindToolListeners() {
    document.addEventListener("click", async (event) => {
      const button = event.target instanceof Element ? event.target.closest(".ed-tool") : null;
      if (!button) return;
      const paragraph = button.closest("p.para");
      if (button.dataset.tool === "link") {
        const url = paragraphUrl(paragraph);
        const done = await copy(url);
        toast(done ? `Link to ¶${paragraph.dataset.number} copied: ${url}` : `Copy this link: ${url}`);
      } else {
        const cited = citation(paragraph);
        if (!cited) return;
        const { text, html, number } = cited;
        const shown = el("p", { class: "ed-cite" });
        shown.innerHTML = html; // built above from the page's meta tags and its own URL, escaped
        show(button, { label: `Cite paragraph ${number}`, nodes: [el("p", { class: "ed-popup__head" }, `Cite ¶${number}`), shown] }, { keep: true });
        const box = top() && top().box;
        const done = await copy(text, html);
        if (box) box.append(el("p", { class: "ed-popup__more" }, done ? "Copied to the clipboard." : "Select and copy it."));
        toast(done ? `Citation of ¶${number} copied` : "Select the citation and copy it");
      }
    });
  }

  // Link to a selected passage -----------------------------------------------------------------------------

  let selectButton = null;

  /* The page's text as a text fragment search sees it: the visible text nodes in order, with a space where
     one block ends and another begins. Offsets into it map back to (node, offset). */
  const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, div, nav, section, article, header, footer, ul, ol, table, tr, dt, dd, blockquote, figcaption, label";

  function pageText() {
    const nodes = [];
    let text = "";
    let block = null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        const parent = node.parentElement;
        if (!parent || parent.closest("script, style, .ed-popup, .ed-select, .ed-toast, [hidden]"))
          return NodeFilter.FILTER_REJECT;
        return !parent.checkVisibility || parent.checkVisibility() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    // Built from parts, and the last character looked at directly: both stay linear on the whole essay.
    const parts = [];
    let length = 0;
    let last = "";
    let node;
    while ((node = walker.nextNode())) {
      const here = node.parentElement.closest(BLOCKS);
      if (here !== block && length && !/\s/.test(last)) {
        parts.push(" ");
        length += 1;
      }
      block = here;
      nodes.push({ node, at: length });
      parts.push(node.data);
      length += node.data.length;
      if (node.data) last = node.data[node.data.length - 1];
    }
    text = parts.join("");
    return { text, nodes };
  }

  function offsetOf(model, container, offset) {
    if (container.nodeType === Node.TEXT_NODE) {
      const hit = model.nodes.find((n) => n.node === container);
      if (hit) return hit.at + Math.min(offset, container.data.length);
    }
    // An element boundary, or text the search does not see: the first text it sees from there on.
    const point = document.createRange();
    point.setStart(container, offset);
    const later = model.nodes.find((n) => point.comparePoint(n.node, 0) >= 0);
    return later ? later.at : model.text.length;
  }

  const WORD = /[\p{L}\p{N}’'_-]/u;
  const fold = (s) => s.toLowerCase().replace(/\s+/g, " ");

  /** Where a text directive's parts would be found: the start of the first match, as the browser searches. */
  function findDirective(text, { prefix, start, end, suffix }) {
    const low = text.toLowerCase();
    // A match starts and ends at word boundaries: no word character runs on into it.
    const wordAt = (i, length) =>
      !(WORD.test(low[i]) && WORD.test(low[i - 1] || " ")) &&
      !(WORD.test(low[i + length - 1]) && WORD.test(low[i + length] || " "));
    // Find `needle` as whole words at or after `from`, with only whitespace allowed between words.
    const search = (needle, from) => {
      const pattern = new RegExp(needle.toLowerCase().split(" ").map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"), "gu");
      pattern.lastIndex = from;
      let m;
      while ((m = pattern.exec(low))) {
        if (wordAt(m.index, m[0].length)) return { at: m.index, to: m.index + m[0].length };
        pattern.lastIndex = m.index + 1;
      }
      return null;
    };
    const spaces = /\s*/y;
    const spacesAt = (i) => {
      spaces.lastIndex = i;
      return spaces.exec(low)[0].length;
    };
    let from = 0;
    for (;;) {
      let s;
      if (prefix) {
        const p = search(prefix, from);
        if (!p) return null;
        from = p.at + 1;
        const rest = spacesAt(p.to);
        s = search(start, p.to + rest);
        if (!s || s.at !== p.to + rest) continue;
      } else {
        s = search(start, from);
        if (!s) return null;
        from = s.at + 1;
      }
      let stop = s.to;
      if (end) {
        const e = search(end, s.to);
        if (!e) return null;
        stop = e.to;
      }
      if (suffix) {
        const rest = spacesAt(stop);
        const x = search(suffix, stop + rest);
        if (!x || x.at !== stop + rest) continue;
      }
      return { at: s.at, to: stop };
    }
  }

  function encodeDirective({ prefix, start, end, suffix }) {
    // In a text directive "-", "," and "&" are syntax, so they are escaped beyond encodeURIComponent.
    const encode = (s) => encodeURIComponent(s).replace(/-/g, "%2D").replace(/,/g, "%2C");
    const parts = [];
    if (prefix) parts.push(`${encode(prefix)}-`);
    parts.push(encode(start));
    if (end) parts.push(encode(end));
    if (suffix) parts.push(`-${encode(suffix)}`);
    return `:~:text=${parts.join(",")}`;
  }

  /** A text directive that finds exactly text[at, to) on this page, or null: the words alone (the first and
      last four if long), then more of them, then with the words before and after. */
  function directiveFor(model, at, to) {
    const words = model.text.slice(at, to).replace(/\s+/g, " ").trim().split(" ");
    const before = model.text.slice(0, at).replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
    const after = model.text.slice(to).replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
    if (!words[0]) return null;
    const tries = [];
    for (const edge of [4, 8, 16]) {
      const whole = words.length <= 2 * edge;
      const base = whole
        ? { start: words.join(" ") }
        : { start: words.slice(0, edge).join(" "), end: words.slice(-edge).join(" ") };
      tries.push(base);
      for (const context of [3, 6]) {
        tries.push({ ...base, prefix: before.slice(-context).join(" ") || undefined, suffix: after.slice(0, context).join(" ") || undefined });
      }
      if (whole) break;
    }
    for (const directive of tries) {
      const found = findDirective(model.text, directive);
      if (found && found.at === at && found.to === to) return directive;
    }
    return null;
  }

  /** The selection within the essay's paragraphs, widened to whole words, as offsets into the page's text. */
  function selectedPassage() {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    const at = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest(".md-content p.para");
    const start = at(range.startContainer);
    const end = at(range.endContainer);
    if (!start || !end || !selection.toString().trim()) return null;
    return { start, end, range };
  }

  function snap(model, from, to) {
    const text = model.text;
    while (from < to && !WORD.test(text[from])) from += 1;
    while (to > from && !WORD.test(text[to - 1])) to -= 1;
    while (from > 0 && WORD.test(text[from - 1])) from -= 1;
    while (to < text.length && WORD.test(text[to])) to += 1;
    // Keep a closing quotation mark or bracket that the selection ends inside of.
    return from < to ? [from, to] : null;
  }

  function updateSelectButton() {
    const found = selectedPassage();
    if (!found) {
      if (selectButton && document.activeElement !== selectButton) selectButton.hidden = true;
      return;
    }
    if (!selectButton || !selectButton.isConnected) {
      selectButton = el("button", { type: "button", class: "ed-select", hidden: "" }, "Link to this passage");
      selectButton.prepend(icon(ICONS.link));
      // Keep the selection: a press on the button would otherwise clear it before the click.
      selectButton.addEventListener("pointerdown", (event) => event.preventDefault());
      selectButton.addEventListener("click", linkToSelection);
      document.body.append(selectButton);
    }
    selectButton.hidden = false;
    const rects = found.range.getClientRects();
    const last = rects.length ? rects[rects.length - 1] : found.range.getBoundingClientRect();
    const width = selectButton.offsetWidth;
    const viewWidth = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(last.right - width / 2, viewWidth - width - 8));
    // Below the selection (phones put their own selection menu above it), unless that is off the screen.
    const height = selectButton.offsetHeight;
    const offScreen = last.bottom < window.innerHeight && last.bottom + 10 + height > window.innerHeight - 8;
    const topAt = offScreen ? last.top - 10 - height : last.bottom + 10;
    selectButton.style.left = `${left + window.scrollX}px`;
    selectButton.style.top = `${topAt + window.scrollY}px`;
  }

  async function linkToSelection() {
    const found = selectedPassage();
    if (!found) return;
    const model = pageText();
    const span = snap(model, offsetOf(model, found.range.startContainer, found.range.startOffset), offsetOf(model, found.range.endContainer, found.range.endOffset));
    const directive = span && directiveFor(model, span[0], span[1]);
    selectButton.hidden = true;
    if (!directive) {
      toast(`No link could be made that finds exactly these words; copy the paragraph’s link (¶${found.start.dataset.number}) instead.`);
      return;
    }
    // Show the reader the words the link will find.
    const selection = document.getSelection();
    const locate = (offset, atEnd) => {
      let hit = model.nodes[0];
      for (const n of model.nodes) if (n.at < offset || (!atEnd && n.at === offset)) hit = n;
      return [hit.node, Math.max(0, Math.min(offset - hit.at, hit.node.data.length))];
    };
    const range = document.createRange();
    range.setStart(...locate(span[0], false));
    range.setEnd(...locate(span[1], true));
    selection.removeAllRanges();
    selection.addRange(range);
    const startPage = sectionUrl(found.start);
    // A passage within one section is addressed on its section page; one across sections on this page.
    const page = startPage === sectionUrl(found.end) ? startPage : pageUrl();
    const url = `${page}#${encodeDirective(directive)}`;
    const done = await copy(url);
    toast(done ? `Link to this passage copied: ${url}` : `Copy this link: ${url}`);
  }

  function bindSelectionListeners() {
    let timer = 0;
    document.addEventListener("selectionchange", () => {
      clearTimeout(timer);
      timer = setTimeout(updateSelectButton, 250);
    });
  }

  // Keys -------------------------------------------------------------------------------------------------

  const KEYS = [
    ["n", "next section"],
    ["p", "previous section"],
    ["Esc", "close the innermost popup"],
    ["Tab", "from a name, note or claim into its popup"],
    ["?", "this list"],
  ];

  function showKeys() {
    const trigger = document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
    const list = el("dl", { class: "ed-keys" });
    for (const [key, what] of KEYS) list.append(el("dt", {}, el("kbd", {}, key)), el("dd", {}, what));
    show(trigger, { label: "Keyboard shortcuts", nodes: [el("p", { class: "ed-popup__head" }, "Keys"), list] }, { keep: true });
    top().box.focus();
  }

  function bindKeys() {
    // Capture: on a section page n and p follow the page's own "way on", before Material's page keys do.
    window.addEventListener(
      "keydown",
      (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
        const target = event.target;
        if (target instanceof Element && target.closest("input, textarea, select, [contenteditable=''], [contenteditable=true]")) return;
        if (event.key === "?") {
          event.preventDefault();
          showKeys();
          return;
        }
        if (event.key === "/") {
          event.preventDefault();
          openSearch();
          return;
        }
        if (event.key !== "n" && event.key !== "p") return;
        const link = document.querySelector(`nav.way-on a.way-on__${event.key === "n" ? "next" : "previous"}`);
        if (!link) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        link.click();
      },
      true,
    );
  }

  // Reading position --------------------------------------------------------------------------------------

  /** The paragraph at the top of the screen, remembered for its section; the last one read, for the landing page. */
  function bindPosition() {
    let timer = 0;
    window.addEventListener(
      "scroll",
      () => {
        clearTimeout(timer);
        timer = setTimeout(savePosition, 400);
      },
      { passive: true },
    );
    window.addEventListener("pagehide", savePosition);
  }

  function savePosition() {
    const ceiling = headerBottom();
    const paragraph = $$(".md-content p.para[id]").find((p) => p.getBoundingClientRect().bottom > ceiling + 24);
    if (!paragraph || window.scrollY < 40) return;
    const section = sectionOf(paragraph);
    const stored = load(POSITION, {}) || {};
    const sections = stored.sections || {};
    sections[section.url] = paragraph.id;
    save(POSITION, { sections, last: { url: section.url, title: section.title, paragraph: paragraph.id, number: paragraph.dataset.number } });
  }

  function addContinueLink(article) {
    if (!isPage("") || article.querySelector(".ed-continue")) return;
    const last = (load(POSITION, {}) || {}).last;
    if (!last || !last.url || !/^p\d+$/.test(last.paragraph || "") || !/^\d+$/.test(last.number || "")) return;
    const url = new URL(last.url);
    if (url.origin !== location.origin) return;
    const link = el("a", { href: `${url.href}#${last.paragraph}` }, `Continue where you left off: ${last.title}, ¶${last.number}`);
    const line = el("p", { class: "ed-continue" }, link);
    const byline = article.querySelector(".byline") || article.querySelector("h1");
    if (byline) byline.after(line);
  }

  // The glossary's sources -------------------------------------------------------------------------------------

  /** "Sources (8)" under a glossary entry or a note of the whole essay opens the list in place, from the
      page it links to (where the link leads without scripts: the glossary's sources, the note's section);
      a second activation closes it. */
  let disclosures = 0;
  function addSourceDisclosures(article) {
    for (const link of $$("a[data-sources]", article)) {
      if (link.hasAttribute("aria-expanded")) continue;
      disclosures += 1;
      const id = `ed-sources-${disclosures}`;
      link.setAttribute("role", "button");
      link.setAttribute("aria-expanded", "false");
      link.setAttribute("aria-controls", id);
      const toggle = async (event) => {
        event.preventDefault();
        const shown = document.getElementById(id);
        if (shown) {
          shown.hidden = !shown.hidden;
          link.setAttribute("aria-expanded", String(!shown.hidden));
          return;
        }
        const url = new URL(link.href, location.href);
        const doc = await fetchedPage(link.href);
        const target = doc && doc.getElementById(decodeURIComponent(url.hash.slice(1)));
        // A heading of the glossary's sources is followed by its list; a note holds its own.
        const list = target && (target.matches("h1, h2, h3") ? target.nextElementSibling : target.querySelector(".sources"));
        if (!list || document.getElementById(id)) {
          if (!list) location.href = link.href;
          return;
        }
        const copy = list.cloneNode(true);
        $$(".footnote-backref", copy).forEach((n) => n.remove());
        $$("[id]", copy).forEach((n) => n.removeAttribute("id"));
        copy.id = id;
        link.closest("p").after(copy);
        link.setAttribute("aria-expanded", "true");
      };
      link.addEventListener("click", toggle);
      link.addEventListener("keydown", (event) => event.key === " " && toggle(event));
    }
  }

  // The claims register's filters -----------------------------------------------------------------------------

  function addClaimsFilter(article) {
    const filter = article.querySelector(".claims-filter");
    if (!filter || filter.edBound) return;
    filter.edBound = true;
    filter.hidden = false;
    const cards = $$(".claims-list .claim", article);
    const count = filter.querySelector(".claims-filter__count");
    const apply = () => {
      const wanted = Object.fromEntries($$("select[data-filter]", filter).map((s) => [s.dataset.filter, s.value]));
      let shown = 0;
      for (const card of cards) {
        const match = Object.entries(wanted).every(([key, value]) => !value || card.dataset[key] === value);
        card.hidden = !match;
        if (match) shown += 1;
      }
      for (const list of $$(".claims-list", article)) {
        const heading = list.previousElementSibling;
        const empty = !list.querySelector(".claim:not([hidden])");
        list.hidden = empty;
        if (heading && heading.tagName === "H3") heading.hidden = empty;
      }
      if (count) count.textContent = `${shown} of ${cards.length} claims shown`;
    };
    filter.addEventListener("change", apply);
    apply();
  }

  // The target paragraph ---------------------------------------------------------------------------------

  /** :target covers the first load and clicks on #pN links; this class also covers addresses that a script
      changed (history.pushState, instant navigation), where :target does not follow. */
  function markTarget() {
    $$(".para.is-target").forEach((p) => p.classList.remove("is-target"));
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return;
    }
    const target = id && document.getElementById(id);
    if (target && target.classList.contains("para")) target.classList.add("is-target");
  }

  // Repairs to Material's markup (axe: link-name) --------------------------------------------

  function repairMaterial() {
    for (const link of $$("a[href]:not(.md-content a)")) { // the edition's own links all have words
      if (link.textContent.trim() || link.hasAttribute("aria-label") || link.querySelector("img[alt]")) continue;
      const name = link.getAttribute("title") || link.closest("[title]")?.getAttribute("title");
      if (name) link.setAttribute("aria-label", name);
    }
  }

  // Scripts loaded when a reader needs them -------------------------------------------------------------------

  const scripts = new Map();

  /** One of the edition's own scripts (assets/), loaded once, when first needed: search when a reader opens
      it, the change notice when a link carries a version. Nobody else's weight on every page. */
  function loadScript(name) {
    if (!scripts.has(name)) {
      const loading = new Promise((resolve, reject) => {
        const tag = el("script", { src: new URL(`assets/${name}`, siteRoot()).href });
        tag.addEventListener("load", resolve);
        tag.addEventListener("error", reject);
        document.head.append(tag);
      });
      scripts.set(name, loading);
    }
    return scripts.get(name);
  }

  const HIGHLIGHT = "pagefind-highlight"; // the parameter search results carry; edition-search.js is told it

  /** Search (assets/edition-search.js) opens in its dialog: loaded on first use. */
  function openSearch() {
    loadScript("edition-search.js").then(() =>
      document.dispatchEvent(new CustomEvent("edition:search", { detail: { highlight: HIGHLIGHT } })),
    );
  }

  function addSearchButton() {
    const header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".ed-search-open")) return;
    const button = el("button", {
      type: "button",
      class: "md-header__button md-icon ed-search-open",
      "aria-haspopup": "dialog",
      "aria-label": "Search",
      title: "Search (/)",
    });
    button.append(icon(ICONS.search));
    button.addEventListener("click", openSearch);
    // Before the other buttons, never after them: a button added to the right of others would push them
    // aside after the page is drawn (a layout shift).
    const first = header.querySelector(".ed-popups-toggle, [data-md-component=palette]");
    if (first) first.parentNode.insertBefore(button, first);
    else header.append(button);
  }

  /** The words a search result asked for, highlighted in the passage it leads to (Pagefind's highlighter). */
  function highlightArrival() {
    if (!new URLSearchParams(location.search).has(HIGHLIGHT)) return;
    import(new URL("pagefind/pagefind-highlight.js", siteRoot()).href).then(({ default: PagefindHighlight }) => {
      new PagefindHighlight({ highlightParam: HIGHLIGHT, addStyles: false, markOptions: { className: "ed-highlight" } });
    });
  }

  /** A link from an older release (?v=) tells the reader if its paragraph changed since (assets/versions.js). */
  function checkVersion() {
    if (new URLSearchParams(location.search).has("v")) loadScript("versions.js");
  }

  // Colour scheme ----------------------------------------------------------------------------------------------

  /** The header's light/dark switch (the theme's radio buttons, one per scheme of mkdocs.yml): the reader's
      last choice, else the one whose media query the system matches; remembered as the theme remembers it,
      so that the theme's own first script applies it before the page is drawn. */
  function bindPalette() {
    const options = $$('input[name="__palette"]');
    if (!options.length) return;
    const saved = window.__md_get ? window.__md_get("__palette") : null;
    const byMedia = options.find((o) => o.dataset.mdColorMedia && matchMedia(o.dataset.mdColorMedia).matches);
    const apply = (option, remember) => {
      option.checked = true;
      const color = {
        media: option.dataset.mdColorMedia,
        scheme: option.dataset.mdColorScheme,
        primary: option.dataset.mdColorPrimary,
        accent: option.dataset.mdColorAccent,
      };
      // Only what differs: setting an attribute of the body, even to its own value, restyles the whole page.
      for (const [key, value] of Object.entries(color)) {
        const name = `data-md-color-${key}`;
        if (value !== undefined && document.body.getAttribute(name) !== value) document.body.setAttribute(name, value);
      }
      for (const label of $$(".md-header__option label")) {
        const hidden = label !== option.nextElementSibling;
        if (label.hidden !== hidden) label.hidden = hidden;
      }
      if (remember && window.__md_set) window.__md_set("__palette", { index: options.indexOf(option), color });
    };
    apply(options[saved && Number.isInteger(saved.index) ? saved.index : -1] || byMedia || options[0], false);
    for (const option of options) option.addEventListener("change", () => option.checked && apply(option, true));
  }

  // Start ----------------------------------------------------------------------------------------------------

  /** A page's work in turns, each a task of its own: the text's, then the header's (its switches come last,
      when everything is ready), so that on a long page none holds up a reader's first tap or scroll. */
  function everyPage() {
    hide();
    const article = document.querySelector(".md-content article, article.md-content__inner");
    if (article) {
      prepareTriggers(article);
      addClaimsFilter(article);
      addSourceDisclosures(article);
      addContinueLink(article);
      addSidenotes(article);
    }
    markTarget();
    setTimeout(() => {
      repairMaterial();
      addSwitches();
      addSearchButton();
    }, 0);
  }

  bindPalette();
  highlightArrival();
  checkVersion();
  bindPopupListeners();
  bindToolListeners();
  bindTouchTools();
  bindSelectionListeners();
  bindKeys();
  bindPosition();
  window.addEventListener("hashchange", markTarget);
  window.addEventListener("popstate", markTarget);
  window.addEventListener("beforeprint", () => document.documentElement.classList.remove("ed-with-sidenotes"));
  window.addEventListener("afterprint", layoutSidenotes);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(everyPage);
  } else {
    // Material's bundle did not load: still do the page's work, once, after the listeners' task.
    setTimeout(everyPage, 0);
  }
})();
