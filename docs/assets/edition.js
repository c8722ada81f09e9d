/* The reading edition's behaviour, on top of Material for MkDocs.
 *
 * - Popups for names (a.mention), emendations (a.emendation) and note markers (a.footnote-ref): on hover, on
 *   keyboard focus (Escape closes) and on tap (the first tap opens the popup instead of following the link).
 *   A switch in the header turns them off, remembered in localStorage.
 * - Per-paragraph "Copy link" and "Cite", and "Link to this passage" for a selection (a text fragment URL).
 * - The paragraph a URL points at is highlighted, also when a script changed the address.
 * - Small accessibility repairs to Material's markup.
 *
 * Material replaces the page's content on instant navigation, so per-page work runs from `document$`
 * (first load and every navigation) and listeners are bound once, on the document, by delegation.
 * Every URL is built from the site's base (Material's __md_scope) or the page's own location, never from "/",
 * because the site is served under a sub-path (GitHub Pages: /REPO/).
 */
(() => {
  "use strict";

  const CITATION = {
    author: "Jay Lovestone",
    title: "The Meaning of the Soviet ‘Purges’",
    journal: "Workers Age",
    issue: "6, no. 27 (July 3, 1937)",
  };
  const TRIGGERS = "a.mention, a.emendation, a.footnote-ref";
  const SETTING = "edition.popups";
  const ICONS = {
    // Material Design Icons (Apache 2.0), as shipped with Material for MkDocs.
    link: "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5 5 0 0 1 0-7.07l3.54-3.54a5 5 0 0 1 7.07 0 5 5 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a3 3 0 0 0 0-4.24 3 3 0 0 0-4.24 0l-3.53 3.53a3 3 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5 5 0 0 1 0 7.07l-3.54 3.54a5 5 0 0 1-7.07 0 5 5 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a3 3 0 0 0 0 4.24 3 3 0 0 0 4.24 0l3.53-3.53a3 3 0 0 0 0-4.24.97.97 0 0 1 0-1.42",
    quote: "M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3z",
    popupsOn:
      "M4 2h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4l-4 4-4-4H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2m0 2v12h4.83L12 19.17 15.17 16H20V4zm2 3h12v2H6zm0 4h10v2H6z",
    popupsOff:
      "M20 2H4c-1.1 0-2 .9-2 2v12a2 2 0 0 0 2 2h4l4 4 4-4h4c1.11 0 2-.89 2-2V4a2 2 0 0 0-2-2m0 14h-4.83L12 19.17 8.83 16H4V4h16zM8.46 12.12 10.59 10 8.46 7.88l1.42-1.41L12 8.59l2.12-2.12 1.42 1.41L13.41 10l2.13 2.12-1.42 1.42L12 11.41l-2.12 2.13z",
  };

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

  /** The canonical address of a paragraph's page: its section page, also when read on the whole-essay page,
      where each section starts with an h2 whose id is the section's slug. */
  function sectionUrl(paragraph) {
    let node = paragraph.previousElementSibling;
    while (node && node.tagName !== "H2" && node.tagName !== "H1") node = node.previousElementSibling;
    if (node && node.tagName === "H2" && node.id) return new URL(`essay/${node.id}/`, siteRoot()).href;
    return pageUrl();
  }

  function popupsEnabled() {
    try {
      const stored = window.__md_get ? __md_get(SETTING) : JSON.parse(localStorage.getItem(SETTING));
      return stored !== false;
    } catch {
      return true;
    }
  }

  function setPopupsEnabled(on) {
    if (window.__md_set) __md_set(SETTING, on);
    else
      try {
        localStorage.setItem(SETTING, JSON.stringify(on));
      } catch {
        /* storage may be off (private mode): the switch then lasts for this page only */
      }
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
    toastTimer = setTimeout(() => (box.textContent = ""), 4000);
  }

  /** Copy text (and HTML where the browser allows, so italics survive a paste); the copy is also kept on
      <body data-ed-copied> so that a test or a person can see exactly what was copied. */
  async function copy(text, html) {
    document.body.dataset.edCopied = text;
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

  let popup = null; // the one popup element, reused
  let current = null; // the element it belongs to
  let sticky = false; // opened by a tap or a button: pointer movements do not close it
  let shownAt = 0;
  let pointerDownAt = 0;
  let pointerType = "mouse";
  let showTimer = 0;
  let hideTimer = 0;

  function ensurePopup() {
    if (popup && popup.isConnected) return popup;
    popup = el("div", { class: "ed-popup md-typeset", id: "ed-popup", hidden: "" });
    document.body.append(popup);
    return popup;
  }

  /** What a popup says about a trigger, as nodes; null if there is nothing to say. */
  function popupContent(trigger) {
    if (trigger.classList.contains("footnote-ref")) {
      const id = decodeURIComponent(trigger.hash.slice(1));
      const note = document.getElementById(id);
      if (!note) return null;
      const body = el("div", { class: "ed-popup__body" });
      for (const child of note.children) body.append(child.cloneNode(true));
      // The note's own "back to the text" link and any ids would be wrong inside a popup.
      $$(".footnote-backref", body).forEach((n) => n.remove());
      $$("[id]", body).forEach((n) => n.removeAttribute("id"));
      const number = trigger.textContent.trim();
      const more = el("a", { href: trigger.getAttribute("href") }, `Note ${number} at the end of the page`);
      return [el("p", { class: "ed-popup__head" }, `Note ${number}`), body, el("p", { class: "ed-popup__more" }, more)];
    }
    // A name's text is its hidden description, written once per page by the build; an emendation's, its title.
    const described = document.getElementById(trigger.getAttribute("aria-describedby") || "");
    const title = trigger.dataset.title || trigger.title || (described ? described.textContent : "");
    if (!title) return null;
    const href = trigger.getAttribute("href");
    if (trigger.classList.contains("emendation")) {
      const sic = trigger.dataset.sic || "";
      const reason = title.replace(/^Emended: the source reads “[^”]*”\.\s*/, "");
      return [
        el("p", { class: "ed-popup__head" }, "Emended"),
        el("p", {}, "The source reads “", el("i", {}, sic), "”; this edition “", trigger.textContent, "”."),
        el("p", {}, reason),
        el("p", { class: "ed-popup__more" }, el("a", { href }, "The list of emendations")),
      ];
    }
    // "Name (dates): summary" — the name and dates run to the first ": ".
    const cut = title.indexOf(": ");
    const head = cut < 0 ? title : title.slice(0, cut);
    const summary = cut < 0 ? "" : title.slice(cut + 2);
    const dated = head.match(/^(.*?) \(([^()]*)\)$/);
    const heading = el("p", { class: "ed-popup__head" }, dated ? dated[1] : head);
    if (dated) heading.append(" ", el("span", { class: "ed-popup__dates" }, `(${dated[2]})`));
    return [heading, el("p", {}, summary), el("p", { class: "ed-popup__more" }, el("a", { href }, "Full entry"))];
  }

  /** Place the popup next to `anchor`, inside the viewport: below if it fits, else above, else where there is
      most room, with its height capped to that room. */
  function place(anchor) {
    const margin = 8;
    const gap = 6;
    // A link that wraps has a box per line: go below its last line, or above its first.
    const rects = anchor.getClientRects();
    const first = rects.length ? rects[0] : anchor.getBoundingClientRect();
    const last = rects.length ? rects[rects.length - 1] : first;
    const viewWidth = document.documentElement.clientWidth;
    const viewHeight = window.innerHeight;
    popup.style.maxHeight = "";
    popup.style.left = "0px";
    popup.style.top = "0px";
    const below = viewHeight - last.bottom - gap - margin;
    const above = first.top - gap - margin;
    let height = popup.offsetHeight;
    const downwards = height <= below || below >= above;
    const room = Math.max(downwards ? below : above, 80);
    if (height > room) {
      popup.style.maxHeight = `${room}px`;
      height = room;
    }
    const rect = downwards ? last : first;
    const width = popup.offsetWidth;
    const left = Math.max(margin, Math.min(rect.left, viewWidth - width - margin));
    const top = downwards ? rect.bottom + gap : rect.top - gap - height;
    // Absolute, in page coordinates: the popup then scrolls with the text it explains.
    popup.style.left = `${left + window.scrollX}px`;
    popup.style.top = `${Math.max(margin, top) + window.scrollY}px`;
  }

  function show(trigger, content, { keep = false } = {}) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!content) return;
    ensurePopup();
    if (current && current !== trigger) current.classList.remove("is-open");
    popup.replaceChildren(...content);
    popup.scrollTop = 0;
    popup.hidden = false;
    current = trigger;
    sticky = keep;
    shownAt = performance.now();
    trigger.classList.add("is-open");
    place(trigger);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!popup || popup.hidden) return;
    popup.hidden = true;
    if (current) current.classList.remove("is-open");
    current = null;
    sticky = false;
  }

  const triggerOf = (target) => {
    const trigger = target instanceof Element ? target.closest(TRIGGERS) : null;
    return trigger && !trigger.closest(".ed-popup") ? trigger : null;
  };
  const inPopup = (target) => popup && target instanceof Node && popup.contains(target);

  function bindPopupListeners() {
    // Which kind of pointer began a gesture: a tap must not follow the link at once, a mouse click may.
    window.addEventListener(
      "pointerdown",
      (event) => {
        pointerType = event.pointerType || "mouse";
        pointerDownAt = performance.now();
        // A press outside the popup and its trigger closes it (a tap elsewhere, a click elsewhere).
        if (current && !inPopup(event.target) && !current.contains(event.target)) hide();
      },
      true,
    );

    // Hover, with a mouse only: a short delay so that passing over a name does not flash a popup, and a
    // grace period on leaving so the pointer can move into the popup (WCAG 1.4.13: hoverable).
    document.addEventListener("pointerover", (event) => {
      if (event.pointerType !== "mouse") return;
      const trigger = triggerOf(event.target);
      if (trigger && popupsEnabled()) {
        clearTimeout(hideTimer);
        if (trigger !== current) {
          clearTimeout(showTimer);
          showTimer = setTimeout(() => show(trigger, popupContent(trigger)), 150);
        }
      } else if (inPopup(event.target)) {
        clearTimeout(hideTimer);
      }
    });
    document.addEventListener("pointerout", (event) => {
      if (event.pointerType !== "mouse") return;
      const leaving = triggerOf(event.target) || (inPopup(event.target) ? popup : null);
      if (!leaving) return;
      const to = event.relatedTarget;
      if (to && (inPopup(to) || (current && current.contains(to)))) return;
      clearTimeout(showTimer);
      if (current && !sticky && document.activeElement !== current) {
        clearTimeout(hideTimer);
        hideTimer = setTimeout(hide, 300);
      }
    });

    // Keyboard focus opens the popup; focus from a press is left to the click that follows.
    document.addEventListener("focusin", (event) => {
      const trigger = triggerOf(event.target);
      const fromPointer = performance.now() - pointerDownAt < 600;
      if (trigger && popupsEnabled() && !fromPointer) show(trigger, popupContent(trigger));
      else if (current && event.target !== current && !inPopup(event.target) && !sticky) hide();
    });

    // A tap: the first opens the popup without following the link; a second tap on the same trigger, or a
    // tap on the popup's own link, navigates. Bound on window in the capture phase to act before Material.
    window.addEventListener(
      "click",
      (event) => {
        const trigger = triggerOf(event.target);
        if (!trigger || !popupsEnabled()) return;
        const type = typeof event.pointerType === "string" && event.pointerType ? event.pointerType : null;
        const touch = (type || (performance.now() - pointerDownAt < 1000 ? pointerType : "mouse")) !== "mouse";
        if (!touch || event.detail === 0) return; // mouse clicks and Enter follow the link
        const openBefore = current === trigger && shownAt < pointerDownAt;
        if (openBefore) return;
        event.preventDefault();
        event.stopPropagation();
        show(trigger, popupContent(trigger), { keep: true });
      },
      true,
    );

    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !current) return;
      const back = current;
      const focusWasInside = inPopup(document.activeElement);
      hide();
      if (focusWasInside && back.focus) back.focus();
    });

    window.addEventListener("resize", () => current && place(current));
  }

  /** Move each trigger's title into data-title, so the browser's own tooltip does not double the popup, and
      keep it as the accessible description through one hidden element per distinct text. */
  function prepareTriggers(article) {
    let store = article.querySelector(".ed-descriptions");
    if (!store) {
      store = el("div", { class: "ed-descriptions", hidden: "" });
      article.append(store);
    }
    const ids = new Map();
    for (const link of $$("a.mention[title], a.emendation[title]", article)) {
      const text = link.title;
      link.dataset.title = text;
      link.removeAttribute("title");
      if (!ids.has(text)) {
        const id = `ed-desc-${ids.size + 1}`;
        ids.set(text, id);
        store.append(el("span", { id }, text));
      }
      link.setAttribute("aria-describedby", ids.get(text));
    }
    for (const ref of $$("a.footnote-ref", article)) {
      if (!ref.hasAttribute("aria-label")) ref.setAttribute("aria-label", `Note ${ref.textContent.trim()}`);
    }
  }

  /** The reader's switch in the header: popups on or off, remembered. */
  function addPopupSwitch() {
    let button = document.querySelector(".ed-popups-toggle");
    if (!button) {
      const header = document.querySelector(".md-header__inner");
      if (!header) return;
      button = el("button", {
        type: "button",
        class: "md-header__button md-icon ed-popups-toggle",
        "aria-label": "Show popups",
        title: "Show popups",
      });
      button.addEventListener("click", () => {
        const on = !popupsEnabled();
        setPopupsEnabled(on);
        if (!on) hide();
        updateSwitch(button);
        toast(on ? "Popups on" : "Popups off: names and notes are plain links");
      });
      const before = header.querySelector("[data-md-component=palette]") || header.querySelector(".md-search");
      if (before) before.parentNode.insertBefore(button, before);
      else header.append(button);
    }
    updateSwitch(button);
  }

  function updateSwitch(button) {
    const on = popupsEnabled();
    button.setAttribute("aria-pressed", String(on));
    button.replaceChildren(icon(on ? ICONS.popupsOn : ICONS.popupsOff));
    document.documentElement.classList.toggle("ed-no-popups", !on);
  }

  // Paragraph links and citations ------------------------------------------------------------------------

  function paragraphUrl(paragraph) {
    return `${sectionUrl(paragraph)}#${paragraph.id}`;
  }

  function citation(paragraph) {
    const number = paragraph.id.replace(/^p/, "");
    const url = paragraphUrl(paragraph);
    const { author, title, journal, issue } = CITATION;
    const text = `${author}, “${title},” ${journal} ${issue}, ¶${number}, ${url}.`;
    const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const html = `${author}, “${title},” <i>${journal}</i> ${issue}, ¶${number}, ${escapeHtml(url)}.`;
    return { text, html, number, url };
  }

  function addParagraphTools(article) {
    for (const paragraph of $$("p.para[id]", article)) {
      if (paragraph.querySelector(".ed-tools")) continue;
      const number = paragraph.id.replace(/^p/, "");
      const label = (text) => ({ type: "button", class: "ed-tool", "aria-label": text, title: text });
      const link = el("button", label(`Copy link to paragraph ${number}`));
      link.append(icon(ICONS.link));
      link.dataset.tool = "link";
      const cite = el("button", label(`Cite paragraph ${number}`));
      cite.append(icon(ICONS.quote));
      cite.dataset.tool = "cite";
      // At the end of the paragraph: on phones they run in after its last word when shown, so showing them
      // never moves the words a finger is about to tap; wider screens hang them in the margin under the number.
      paragraph.append(el("span", { class: "ed-tools" }, link, cite));
    }
  }

  function bindToolListeners() {
    document.addEventListener("click", async (event) => {
      const button = event.target instanceof Element ? event.target.closest(".ed-tool") : null;
      if (!button) return;
      const paragraph = button.closest("p.para");
      if (button.dataset.tool === "link") {
        const url = paragraphUrl(paragraph);
        const done = await copy(url);
        toast(done ? `Link to ¶${paragraph.id.slice(1)} copied: ${url}` : `Copy this link: ${url}`);
      } else {
        const { text, html, number } = citation(paragraph);
        const shown = el("p", { class: "ed-cite" });
        shown.innerHTML = html; // built above from constants and the page's own URL, escaped
        show(button, [el("p", { class: "ed-popup__head" }, `Cite ¶${number}`), shown], { keep: true });
        const done = await copy(text, html);
        popup.append(el("p", { class: "ed-popup__more" }, done ? "Copied to the clipboard." : "Select and copy it."));
        toast(done ? `Citation of ¶${number} copied` : "Select the citation and copy it");
      }
    });
  }

  // Link to a selected passage -----------------------------------------------------------------------------

  let selectButton = null;

  /** A text-fragment URL for the selection: the whole text if short, else its first and last words. */
  function fragmentFor(text) {
    const words = text.replace(/\s+/g, " ").trim().replace(/^\W+|[^\w’”)]+$/gu, "").split(" ");
    if (!words[0]) return null;
    // In a text directive "-", "," and "&" are syntax, so they are escaped beyond encodeURIComponent.
    const encode = (s) => encodeURIComponent(s).replace(/-/g, "%2D").replace(/,/g, "%2C");
    if (words.length <= 8) return `:~:text=${encode(words.join(" "))}`;
    return `:~:text=${encode(words.slice(0, 4).join(" "))},${encode(words.slice(-4).join(" "))}`;
  }

  function selectedParagraphs() {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    const at = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest(".md-content p.para");
    const start = at(range.startContainer);
    const end = at(range.endContainer);
    if (!start || !end || !selection.toString().trim()) return null;
    return { start, end, range, text: selection.toString() };
  }

  function updateSelectButton() {
    const found = selectedParagraphs();
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
    const top = offScreen ? last.top - 10 - height : last.bottom + 10;
    selectButton.style.left = `${left + window.scrollX}px`;
    selectButton.style.top = `${top + window.scrollY}px`;
  }

  async function linkToSelection() {
    const found = selectedParagraphs();
    if (!found) return;
    const fragment = fragmentFor(found.text);
    if (!fragment) return;
    const startPage = sectionUrl(found.start);
    // A passage within one section is addressed on its section page; one across sections on this page.
    const page = startPage === sectionUrl(found.end) ? startPage : pageUrl();
    const url = `${page}#${fragment}`;
    const done = await copy(url);
    toast(done ? `Link to this passage copied: ${url}` : `Copy this link: ${url}`);
    selectButton.hidden = true;
  }

  function bindSelectionListeners() {
    let timer = 0;
    document.addEventListener("selectionchange", () => {
      clearTimeout(timer);
      timer = setTimeout(updateSelectButton, 250);
    });
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
    for (const link of $$("a[href]")) {
      if (link.textContent.trim() || link.hasAttribute("aria-label") || link.querySelector("img[alt]")) continue;
      const name = link.getAttribute("title") || link.closest("[title]")?.getAttribute("title");
      if (name) link.setAttribute("aria-label", name);
    }
  }

  /** Addresses for paper, hidden on screen: the page's at the top, and on the whole-essay page each section's
      under its heading, so that with the printed ¶ numbers every paragraph can be found again. */
  function addPrintUrls(article) {
    if (article.querySelector(".ed-print-url")) return;
    const line = (url, paragraph) => {
      const n = paragraph ? paragraph.id.slice(1) : "";
      const example = paragraph ? `; each ¶ has its own address, e.g. ¶${n}: ${url}#p${n}` : "";
      return el("p", { class: "ed-print-url" }, `Online at ${url}${example}`);
    };
    const heading = article.querySelector("h1");
    const first = article.querySelector("p.para");
    const fullText = first && sectionUrl(first) !== pageUrl();
    if (heading) heading.after(line(pageUrl(), fullText ? null : first));
    if (!fullText) return;
    for (const paragraph of $$("h2[id] + p.para", article)) paragraph.before(line(sectionUrl(paragraph), paragraph));
  }

  // Start ----------------------------------------------------------------------------------------------------

  function everyPage() {
    hide();
    const article = document.querySelector(".md-content article, article.md-content__inner");
    repairMaterial();
    addPopupSwitch();
    if (article) {
      prepareTriggers(article);
      addParagraphTools(article);
      addPrintUrls(article);
    }
    markTarget();
  }

  bindPopupListeners();
  bindToolListeners();
  bindSelectionListeners();
  window.addEventListener("hashchange", markTarget);
  window.addEventListener("popstate", markTarget);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(everyPage);
  } else {
    // Material's bundle did not load: still do the page's work, once.
    everyPage();
  }
})();
