"""Form wrappers at any depth (Print, ToString, messages, results), with Wolfram's
documented results and the layouts its text terminal prints."""

import pytest

from wlnet import Session
from wlnet.format.forms import number_text
from wlnet.format.session_text import message_text, print_text, result_text


def run(code):
    return Session().evaluate(code)


def value(code):
    return run(code)[-1].result.value


TO_STRING = [
    ("ToString[FullForm[Hold[a + b]]]", "Hold[Plus[a, b]]"),
    ('ToString[InputForm[{"a"}]]', '{"a"}'),
    ("ToString[InputForm[1/2 + x]]", "1/2 + x"),
    ("ToString[OutputForm[x^2]]", "x^2"),
    ("ToString[NumberForm[1234.5678, 6]]", "1234.57"),
    ("ToString[NumberForm[3.14159, 3]]", "3.14"),
    ("ToString[NumberForm[50., {3, 1}]]", "50.0"),
    ('ToString[NumberForm[1234.5, NumberPoint -> ","]]', "1234,5"),
    ("ToString[NumberForm[1234.5678, {8, 4}, DigitBlock -> 2]]", "12,34.56 78"),
    ('ToString[NumberForm[1234.5678, {8, 4}, DigitBlock -> 3, NumberSeparator -> {"|", "_"}]]',
     "1|234.567_8"),
    ('ToString[NumberForm[12.3, {8, 3}, NumberPadding -> {"*", "0"}]]', "****12.300"),
    ('ToString[NumberForm[-12.3, {6, 2}, NumberPadding -> {"0", "0"}]]', "00-12.30"),
    ('ToString[NumberForm[-12.3, {6, 2}, SignPadding -> True, NumberPadding -> {"0", "0"}]]',
     "-0012.30"),
    ("ToString[NumberForm[Pi, 5]]", "Pi"),
    ("ToString[NumberForm[{1.23456, 2.5, 10}, 3]]", "{1.23, 2.5, 10}"),
    ("ToString[TableForm[{{1, 2}, {3, 4}}]]", "1   2\n\n3   4"),
    ("ToString[TableForm[{{a, bb}, {ccc, d}}]]", "a     bb\n\nccc   d"),
    ("ToString[TableForm[{{1, 22}, {3, 4}}]]", "1   22\n\n3   4"),
    ("ToString[TableForm[{1, 2, 3}]]", "1\n\n2\n\n3"),
    ("ToString[TableForm[{{1, 2, 3}}]]", "1   2   3"),
    ("ToString[MatrixForm[{{1, 2}, {3, 4}}]]", "1   2\n\n3   4"),
    ("ToString[Shallow[Range[100]]]", "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, <<90>>}"),
    ("ToString[Shallow[Nest[f, x, 10]]]", "f[f[f[f[<<1>>]]]]"),
    ("ToString[Shallow[Range[20], {1, 3}]]", "{1, 2, 3, <<17>>}"),
    ("ToString[Short[Range[10]]]", "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}"),
    ("ToString[{FullForm[x^2], 1}]", "{Power[x, 2], 1}"),
    ("ToString[{{1, 2}, {3, 4}}, TableForm]", "1   2\n\n3   4"),
]


@pytest.mark.parametrize("code,text", TO_STRING)
def test_to_string(code, text):
    assert value(code) == text


def test_print_interprets_forms_inside():
    [out] = run("Print[FullForm[a + b]]; Print[{InputForm[\"s\"], MatrixForm[{{1, 0}, {0, 1}}]}]")
    assert [print_text(r) for r in out.prints] == ["Plus[a, b]", '{"s", 1   0}\n\n      0   1']


def test_short_keeps_both_ends_within_a_line():
    text = value("ToString[Short[Range[100]]]")
    assert text.startswith("{1, 2, 3,") and text.endswith(", 99, 100}") and "<<" in text
    assert len(text) <= 60
    assert value("ToString[Short[Range[100], 2]]").count(",") > text.count(",")


def test_results_label_the_form_and_lay_it_out():
    [out] = run("MatrixForm[{{1, 2}, {3, 4}}]")
    assert result_text(out) == "Out[1]//MatrixForm= 1   2\n\n                    3   4"
    [out] = run("Short[Range[100]]")
    assert result_text(out).startswith("Out[1]//Short= {1, 2, 3, ")


def test_messages_shorten_long_arguments():
    [out] = run("Range[100][[200]]")
    assert message_text(out.messages[0]) == \
        "Part::partw: Part 200 of {1, 2, 3, <<94>>, 98, 99, 100} does not exist."
    [out] = run("Range[10][[20]]")          # short enough: shown whole
    assert "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}" in message_text(out.messages[0])


def test_a_misspelt_option_gets_a_suggestion():
    [out] = run("NetTrain[LinearLayer[1], Table[{i} -> {i}, {i, 500}], "
                "LearningRateMultiplier -> 1]")
    (message,) = out.messages
    assert message.tag == "optx"
    text = message_text(message, None)
    assert text.endswith("Did you mean LearningRateMultipliers?")
    assert "<<494>>" in text and "{250} -> {250}" not in text


def test_an_unknown_option_far_from_every_name_gets_no_suggestion():
    [out] = run("NetTrain[LinearLayer[1], {{1} -> {1}}, Colour -> 1]")
    assert "Did you mean" not in message_text(out.messages[0])


def test_number_text_rounds_to_significant_digits():
    assert number_text(1234.5678, 6) == "1234.57"
    assert number_text(0.000123456, 3) == "0.000123"
    assert number_text(1.5e10, 3) == "1.5*^10"
    assert number_text(42, 3) == "42"
