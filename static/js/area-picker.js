/* Suggestions for a member-area text field (network/area_picker.py, docs/directory.md).
 *
 * In a large network the area fields are text fields: input[data-area-suggest="<url>"] with
 * list="<id of an empty datalist>". As the visitor types, the names that match come from
 * <url>?q=<text> ({"areas": [{"value": name, "label": country}]}) and fill the datalist, so the
 * browser offers them in its own list, which keyboards and screen readers already know.
 *
 * Picking a suggestion in a form[data-auto-submit] applies it, as choosing an option of a select
 * does: the field is marked data-picked and sent a change event, which filters.js acts on.
 * Without this script the field still works: a name typed in full is found by the server.
 *
 * Loaded with defer from base.html; no inline script (CSP script-src 'self', connect-src 'self').
 */
(function () {
  'use strict';

  var DELAY_MS = 150;

  function enhance(input) {
    var list = document.getElementById(input.getAttribute('list'));
    if (!list || !window.fetch || !window.AbortController) return;
    var timer = null;
    var pending = null;
    var asked = null;

    function show(areas) {
      var options = document.createDocumentFragment();
      areas.forEach(function (area) {
        var option = document.createElement('option');
        option.value = area.value;
        option.textContent = area.label;
        options.appendChild(option);
      });
      list.replaceChildren(options);
    }

    function ask() {
      var text = input.value.trim();
      if (text === asked) return;
      asked = text;
      if (pending) pending.abort();
      if (!text) { show([]); return; }
      pending = new AbortController();
      var url = new URL(input.getAttribute('data-area-suggest'), document.baseURI);
      url.searchParams.set('q', text);
      fetch(url, { signal: pending.signal, headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : { areas: [] }; })
        .then(function (data) { show(data.areas || []); })
        .catch(function () { /* aborted by newer typing, or offline: keep the list as it was */ });
    }

    function isSuggestion(value) {
      return Array.prototype.some.call(list.options, function (option) { return option.value === value; });
    }

    input.addEventListener('input', function (event) {
      window.clearTimeout(timer);
      // Chromium and Firefox report a pick from the list as a replacement (or as a plain Event),
      // never as typing.
      var picked = !event.inputType || event.inputType === 'insertReplacementText';
      if (picked && isSuggestion(input.value) && input.form && input.form.hasAttribute('data-auto-submit')) {
        input.setAttribute('data-picked', 'true');
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return;
      }
      timer = window.setTimeout(ask, DELAY_MS);
    });
  }

  document.querySelectorAll('input[data-area-suggest][list]').forEach(enhance);
}());
