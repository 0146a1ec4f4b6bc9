"""gdtutor's interface translations: one gettext catalog per language, `<code>/LC_MESSAGES/gdtutor.po`
(what a translator edits) with the `gdtutor.mo` compiled from it (what `gettext` reads at run time).
"""
