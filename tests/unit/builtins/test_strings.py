"""String functions and the ToString / ToExpression conversions."""

import pytest


@pytest.mark.parametrize("code, expected", [
    ("\"ab\" <> \"cd\"", "\"abcd\""),
    ("StringJoin[\"a\", {\"b\", {\"c\"}}]", "\"abc\""),
    ("StringJoin[]", "\"\""),
    ("StringLength[\"hello\"]", "5"),
    ("StringLength[{\"a\", \"bc\"}]", "{1, 2}"),
    ("StringSplit[\"a b  c \"]", "{\"a\", \"b\", \"c\"}"),
    ("StringSplit[\"a,b,,c,\", \",\"]", "{\"a\", \"b\", \"\", \"c\"}"),
    ("StringSplit[\",a,\", \",\", All]", "{\"\", \"a\", \"\"}"),
    ("StringSplit[\"a1b22c\", RegularExpression[\"[0-9]+\"]]", "{\"a\", \"b\", \"c\"}"),
    ("StringSplit[\"a-b+c\", {\"-\", \"+\"}]", "{\"a\", \"b\", \"c\"}"),
    ("StringSplit[{\"a b\", \"c\"}]", "{{\"a\", \"b\"}, {\"c\"}}"),
    ("StringReplace[\"abcab\", \"ab\" -> \"X\"]", "\"XcX\""),
    ("StringReplace[\"abc\", {\"a\" -> \"b\", \"b\" -> \"a\"}]", "\"bac\""),
    ("StringReplace[\"aaa\", \"a\" -> \"b\", 2]", "\"bba\""),
    ("StringReplace[\"ABC\", \"b\" -> \"x\", IgnoreCase -> True]", "\"AxC\""),
    ("StringReplace[{\"ab\", \"b\"}, \"b\" -> \"c\"]", "{\"ac\", \"c\"}"),
    ("StringReplace[\"a\" -> \"b\"][\"aa\"]", "\"bb\""),
    ("StringTake[\"abcdef\", 2]", "\"ab\""),
    ("StringTake[\"abcdef\", -2]", "\"ef\""),
    ("StringTake[\"abcdef\", {3}]", "\"c\""),
    ("StringTake[\"abcdef\", {2, 4}]", "\"bcd\""),
    ("StringTake[\"abcdef\", {1, -1, 2}]", "\"ace\""),
    ("StringTake[{\"abc\", \"de\"}, 1]", "{\"a\", \"d\"}"),
    ("StringDrop[\"abcdef\", 2]", "\"cdef\""),
    ("StringDrop[\"abcdef\", -2]", "\"abcd\""),
    ("StringDrop[\"abcdef\", {2, 3}]", "\"adef\""),
    ("StringReverse[\"abc\"]", "\"cba\""),
    ("StringContainsQ[\"hello\", \"ell\"]", "True"),
    ("StringContainsQ[\"hello\", \"xyz\"]", "False"),
    ("StringContainsQ[\"Hello\", \"hel\", IgnoreCase -> True]", "True"),
    ("StringContainsQ[{\"ab\", \"cd\"}, \"a\"]", "{True, False}"),
    ("StringStartsQ[\"hello\", \"he\"]", "True"),
    ("StringStartsQ[\"hello\", \"lo\"]", "False"),
    ("StringEndsQ[\"hello\", \"lo\"]", "True"),
    ("ToUpperCase[\"abC\"]", "\"ABC\""),
    ("ToLowerCase[{\"AB\", \"Cd\"}]", "{\"ab\", \"cd\"}"),
    ("Characters[\"abc\"]", "{\"a\", \"b\", \"c\"}"),
    ("StringRiffle[{\"a\", \"b\", \"c\"}]", "\"a b c\""),
    ("StringRiffle[{\"a\", \"b\"}, \", \"]", "\"a, b\""),
    ("StringRiffle[{\"a\", \"b\"}, {\"(\", \" \", \")\"}]", "\"(a b)\""),
    ("StringRiffle[{{\"a\", \"b\"}, {\"c\", \"d\"}}]", "\"a b\\nc d\""),
    ("StringRiffle[{1, x}, \"-\"]", "\"1-x\""),
    ("StringQ[\"a\"]", "True"), ("StringQ[a]", "False"),
    ("ToString[123]", "\"123\""),
    ("ToString[{1, 2.5, \"x\"}]", "\"{1, 2.5, x}\""),
    ("ToString[\"already\"]", "\"already\""),
    ("ToString[f[x, y]]", "\"f[x, y]\""),
    ("ToString[\"a\", InputForm]", "\"\\\"a\\\"\""),
    ("ToString[a + b, FullForm]", "\"Plus[a, b]\""),
    ("TextString[{1, 2}]", "\"{1, 2}\""),
    ("ToExpression[\"1 + 1\"]", "2"),
    ("ToExpression[\"{1, 2}[[2]]\"]", "2"),
    ("ToExpression[\"1 + 1\", InputForm, Hold]", "Hold[1 + 1]"),
    ("ToExpression[5]", "5"),
    ("IntegerString[255]", "\"255\""),
    ("IntegerString[255, 16]", "\"ff\""),
    ("IntegerString[-5, 2, 8]", "\"00000101\""),
    ("IntegerString[{1, 2}]", "{\"1\", \"2\"}"),
])
def test_strings(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, message", [
    ("StringJoin[\"a\", 1]", "StringJoin::string"),
    ("StringLength[x]", "StringLength::string"),
    ("StringTake[\"abc\", 5]", "StringTake::take"),
    ("StringDrop[\"abc\", 5]", "StringDrop::drop"),
    ("StringSplit[1]", "StringSplit::strse"),
    ("StringReplace[x, \"a\" -> \"b\"]", "StringReplace::strse"),
    ("ToExpression[\"1 +\"]", "ToExpression::sntxi"),
])
def test_string_messages(wl, code, message):
    assert wl.messages(code) == [message]


def test_syntax_error_gives_failed(wl):
    assert wl("ToExpression[\"1 +\"]") == "$Failed"
    assert wl.messages("ToExpression[\"f[\"]") in (["ToExpression::sntxi"],
                                                    ["ToExpression::sntx"])
