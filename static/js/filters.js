/* Listing filters, as a progressive enhancement (docs/design.md, "Listing and filter panel").
 * Everything here works without it: the panel is a <details>, the form has a submit button.
 *
 * - details[data-filter-panel]: opened on wide screens (the sidebar is always open there; CSS
 *   does it by itself where ::details-content is supported).
 * - form[data-auto-submit]: sent as soon as a select, checkbox, radio or date changes, or a
 *   member area is picked from its suggestions (area-picker.js marks it data-picked; never on
 *   keystrokes in a text field: Enter sends those), without its empty fields. After the new page
 *   loads, focus goes to the results heading (#results-heading or [data-results-heading]) so a
 *   screen reader hears the count.
 * - input[data-filter-list="<id of a list>"]: typing hides the list's items whose label does not
 *   contain the text; data-filter-empty="No tag matches" is shown when none is left.
 *
 * Loaded with defer from base.html; no inline script (CSP script-src 'self').
 */
(function () {
  'use strict';

  var WIDE = '(min-width: 56rem)';
  var FOCUS_KEY = 'filters:focus-results';

  function openPanelsOnWideScreens() {
    var panels = document.querySelectorAll('details[data-filter-panel]');
    if (!panels.length || !window.matchMedia) return;
    var wide = window.matchMedia(WIDE);
    function apply() {
      panels.forEach(function (panel) {
        if (wide.matches && !panel.open) {
          panel.open = true;
          panel.dataset.openedForWide = 'true';
        } else if (!wide.matches && panel.dataset.openedForWide) {
          // Back to a phone-sized window: closed again, as the page had it.
          panel.open = false;
          delete panel.dataset.openedForWide;
        }
      });
    }
    apply();
    if (wide.addEventListener) wide.addEventListener('change', apply);
  }

  function isAutoSubmitControl(element) {
    if (element.tagName === 'SELECT') return true;
    // A member area picked from its suggestions (area-picker.js), not one being typed.
    if (element.hasAttribute('data-picked')) return true;
    if (element.tagName !== 'INPUT') return false;
    return ['checkbox', 'radio', 'date', 'month', 'week', 'time'].indexOf(element.type) !== -1;
  }

  // Fields left empty ("Any") stay out of the address: ?country=NL rather than ?theme=&country=NL&…
  // They are switched off just for the submission and on again when the page is shown from the
  // back-forward cache.
  function leaveOutEmptyFields(form) {
    form.addEventListener('submit', function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && !field.disabled && field.value === '' && field.type !== 'submit') {
          field.disabled = true;
          field.dataset.emptyLeftOut = 'true';
        }
      });
    });
    window.addEventListener('pageshow', function () {
      form.querySelectorAll('[data-empty-left-out]').forEach(function (field) {
        field.disabled = false;
        delete field.dataset.emptyLeftOut;
      });
    });
  }

  function autoSubmitForms() {
    document.querySelectorAll('form[data-auto-submit]').forEach(function (form) {
      leaveOutEmptyFields(form);
      form.addEventListener('change', function (event) {
        var control = event.target;
        if (!isAutoSubmitControl(control) || control.hasAttribute('data-filter-list')) return;
        // A date field fires change for every digit typed: wait for a complete date.
        if (control.type === 'date' && control.value && !control.checkValidity()) return;
        try { sessionStorage.setItem(FOCUS_KEY, form.getAttribute('action') || location.pathname); } catch (e) { /* private mode */ }
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      });
    });
  }

  function focusResultsAfterAutoSubmit() {
    var target;
    try {
      target = sessionStorage.getItem(FOCUS_KEY);
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (e) { return; }
    if (!target) return;
    var heading = document.querySelector('[data-results-heading]') || document.getElementById('results-heading');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
  }

  function filterableLists() {
    document.querySelectorAll('input[data-filter-list]').forEach(function (input) {
      var list = document.getElementById(input.getAttribute('data-filter-list').replace(/^#/, ''));
      if (!list) return;
      var items = Array.prototype.slice.call(list.children);
      var emptyText = input.getAttribute('data-filter-empty');
      var empty = null;
      if (emptyText) {
        empty = document.createElement('p');
        empty.className = 'filter-list__empty';
        empty.setAttribute('role', 'status');
        list.parentNode.insertBefore(empty, list.nextSibling);
      }
      function normalise(text) {
        return text.toLocaleLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim();
      }
      function apply() {
        var query = normalise(input.value);
        var shown = 0;
        items.forEach(function (item) {
          var match = !query || normalise(item.textContent).indexOf(query) !== -1;
          // A checked item stays visible: it is part of what the listing is filtered on.
          item.hidden = !match && !item.querySelector('input:checked');
          if (match) shown += 1;
        });
        if (empty) empty.textContent = shown ? '' : emptyText;
      }
      input.addEventListener('input', apply);
      // Enter in the search box filters; it does not send the form.
      input.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') event.preventDefault();
      });
      apply();
    });
  }

  openPanelsOnWideScreens();
  autoSubmitForms();
  filterableLists();
  focusResultsAfterAutoSubmit();
}());
