"""The project's date and number formats per language (``FORMAT_MODULE_PATH``), where Django's
own do not fit a European network (#15, docs/languages.md "Formats").

Only English needs one: Django's ``en`` formats are American ("Dec. 3, 2026", "2:30 p.m."),
while this network's English is read by Dutch and Danish members and has always shown
"3 December 2026" and a 24-hour clock. Dutch and Danish use Django's formats as they are
("3 december 2026", "3. december 2026"; months in lower case).
"""
