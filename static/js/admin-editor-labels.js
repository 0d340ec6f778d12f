// Two widgets of the Wagtail admin render an input that no <label> reaches, so screen readers
// announce an unnamed field: the rich-text editor (Draftail: a contenteditable textbox; axe
// aria-input-field-name) and the tag field (tag-it: the text input it adds beside the hidden
// real one; axe label). Name each one after its field's label; StreamField blocks added later
// are named as they appear.
(function () {
  "use strict";

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
    nameEditors(document);
    nameTagInputs(document);
    new MutationObserver(function () { nameEditors(document); nameTagInputs(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
