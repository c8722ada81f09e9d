/* Change-aware citations. A link copied from this edition carries its version (?v=1.0.0). A reader who
 * follows a link made from an older release to a paragraph whose text, notes or claims have changed
 * since is told so above the paragraph, with what changed. The build publishes what changed since each
 * release in changes.json (edition/releases.py); nothing here knows a fact of the text.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const base = script ? new URL("..", script.src) : new URL("../", location.href);
  let changes = null;

  function load() {
    if (!changes) {
      changes = fetch(new URL("changes.json", base)).then((response) => (response.ok ? response.json() : null));
    }
    return changes;
  }

  function describe(kind, what) {
    const parts = [];
    for (const how of ["added", "revised", "removed"]) {
      const ids = what[how] || [];
      if (ids.length) parts.push(`${ids.length} ${kind === "notes" ? "note" : "claim"}${ids.length > 1 ? "s" : ""} ${how}`);
    }
    return parts;
  }

  function notice(version, released, change) {
    const box = document.createElement("aside");
    box.className = "ed-version-notice admonition note";
    box.setAttribute("role", "note");
    const title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = `Changed since version ${version}`;
    const body = document.createElement("p");
    const what = [];
    if (change.text) what.push("its text");
    what.push(...describe("notes", change.notes || {}), ...describe("claims", change.claims || {}));
    body.textContent =
      `Your link was made from version ${version} of this edition (${released}). Since then, this paragraph has ` +
      `changed: ${what.join("; ")}. The paragraph's number and address are the same.`;
    const more = document.createElement("a");
    more.href = new URL("versions/", base).href;
    more.textContent = "What changed between versions";
    const line = document.createElement("p");
    line.append(more);
    box.append(title, body, line);
    return box;
  }

  async function tell() {
    const version = new URLSearchParams(location.search).get("v");
    const id = decodeURIComponent(location.hash.slice(1));
    if (!version || !/^p\d+$/.test(id)) return;
    const paragraph = document.getElementById(id);
    if (!paragraph || paragraph.previousElementSibling?.classList.contains("ed-version-notice")) return;
    const data = await load();
    const since = data && data.since && data.since[version];
    const change = since && since.paragraphs[id];
    if (!change) return;
    paragraph.before(notice(version, since.released, change));
  }

  // edition.js loads this script when the address carries a version, after the page has loaded.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tell);
  else tell();
  window.addEventListener("hashchange", tell);
})();
