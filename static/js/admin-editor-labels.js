// Three widgets of the Wagtail admin render controls without an accessible name, so screen
// readers announce an unnamed field or button: the rich-text editor (Draftail: a contenteditable
// textbox; axe aria-input-field-name), the tag field (tag-it: the text input it adds beside the
// hidden real one; axe label) and the date picker (its month and time arrows and "today" are
// empty buttons; axe button-name). Fields are named after their label, the picker's buttons
// with the translated words the hook passes in data-* attributes. Widgets added later
// (StreamField blocks, pickers opened on focus) are named as they appear.
(function () {
  "use strict";

  var words = (document.currentScript && document.currentScript.dataset) || {};
  var PICKER_BUTTONS = [
    [".xdsoft_datepicker .xdsoft_prev", words.previousMonth],
    [".xdsoft_datepicker .xdsoft_next", words.nextMonth],
    [".xdsoft_datepicker .xdsoft_today_button", words.today],
    [".xdsoft_timepicker .xdsoft_prev", words.earlierTimes],
    [".xdsoft_timepicker .xdsoft_next", words.laterTimes]
  ];

  function namePickerButtons(root) {
    PICKER_BUTTONS.forEach(function (pair) {
      if (!pair[1]) {
        return;
      }
      root.querySelectorAll(".xdsoft_datetimepicker " + pair[0] + ":not([aria-label])").forEach(
        function (button) { button.setAttribute("aria-label", pair[1]); });
    });
  }

  function labelFor(editor) {
    // The editor stores its value in a hidden input; the field's <label> points at that input.
    var wrapper = editor.closest(".Draftail-Editor__wrapper");
    var input = wrapper && wrapper.parentElement.querySelector("input[data-draftail-input]");
    var label = input && input.id && document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
    if (label && label.textContent.trim()) {
      return label.textContent.replace(/\*/g, "").trim();
    }
    // StreamField blocks: the nearest field label above the editor.
    var field = editor.closest("[data-field-wrapper], .w-field__wrapper, [data-contentpath]");
    while (field) {
      label = field.querySelector("label, .w-field__label");
      if (label && label.textContent.trim()) {
        return label.textContent.replace(/\*/g, "").trim();
      }
      field = field.parentElement && field.parentElement.closest(
        "[data-field-wrapper], .w-field__wrapper, [data-contentpath]");
    }
    return null;
  }

  function nameTagInputs(root) {
    root.querySelectorAll("ul.tagit input.ui-autocomplete-input:not([aria-label])").forEach(function (input) {
      var field = input.closest("[data-field-input], .w-field__input");
      var original = field && field.querySelector("input[id]:not(.ui-autocomplete-input)");
      var label = original && document.querySelector('label[for="' + CSS.escape(original.id) + '"]');
      if (label && label.textContent.trim()) {
        input.setAttribute("aria-label", label.textContent.replace(/\*/g, "").trim());
      }
    });
  }

  function nameEditors(root) {
    root.querySelectorAll(".public-DraftEditor-content[role='textbox']").forEach(function (editor) {
      if (editor.hasAttribute("aria-label") || editor.hasAttribute("aria-labelledby")) {
        return;
      }
      var name = labelFor(editor);
      if (name) {
        editor.setAttribute("aria-label", name);
      }
    });
  }

  function start() {
    var nameAll = function () {
      nameEditors(document);
      nameTagInputs(document);
      namePickerButtons(document);
    };
    nameAll();
    new MutationObserver(nameAll)
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
