from kindred.core.markup import Element, inline, parse, plain


def test_inline_escapes_first_then_formats():
    assert inline("**Bold** <script>x</script> [help](/get-help/) [bad](javascript:x)") == (
        '<b>Bold</b> &lt;script&gt;x&lt;/script&gt; <a href="/get-help/">help</a> '
        "[bad](javascript:x)"
    )
    assert plain("**Bold** & *soft*") == "Bold & soft"


def test_each_kind_of_line():
    elements = parse(
        "One\nline.\n## Head\n> Quote\n> goes on\n> — Dana\n- a\n- b\n!try Do it.\n"
        '!say "Yes."\n!dont "No."\n!dont Alone.'
    )
    assert elements == [
        Element("paragraph", html="One line."),
        Element("heading", text="Head", level="h2"),
        Element("quote", text="Quote goes on", attribution="Dana"),
        Element("bullets", items=["a", "b"]),
        Element("try", html="Do it."),
        Element("say", say='"Yes."', dont='"No."'),
        Element("say", dont="Alone."),
    ]
