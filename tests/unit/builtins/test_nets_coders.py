"""NetEncoder, NetDecoder and the classifier workflow through the language: coders on
their own and on nets, decoder properties, training on class labels, measurements, files,
and Wolfram's messages for bad input (after which the session goes on)."""
import numpy as np

from wlnet.builtins.nets.values import NetValue

CLASSIFIER = ('net = NetInitialize[NetChain[{LinearLayer[3], SoftmaxLayer[]}, "Input" -> 2, '
              '"Output" -> NetDecoder[{"Class", {"a", "b", "c"}}]], RandomSeeding -> 1];')
DATA = 'data = {{1, 2} -> "a", {-1, 0} -> "b", {0, 3} -> "c"};'


def test_encoders_on_their_own(wl):
    wl('enc = NetEncoder[{"Class", {"a", "b", "c"}}]')
    assert wl('enc["b"]') == "2" and wl('enc[{"a", "c"}]') == "{1, 3}"
    assert wl('NetEncoder[{"Class", {"a", "b"}, "UnitVector"}]["b"]') == "{0, 1}"
    assert wl('enc[["Labels"]]') == '{"a", "b", "c"}'
    assert wl('NetExtract[enc, "OutputForm"]') == '"Index"'
    assert wl('Information[enc, "Labels"]') == '{"a", "b", "c"}'
    assert wl('Normal[enc]') == '<|"Labels" -> {"a", "b", "c"}, "OutputForm" -> "Index", ' \
                                '"Dimensions" -> {}|>'
    assert wl('NetEncoder["Boolean"][{True, False}]') == "{1, 0}"
    assert wl('NetEncoder["Scalar"][2]') == "{2.}"
    assert wl('NetEncoder[{"Characters", "abc"}]["cab"]') == "{3, 1, 2}"
    assert wl('NetEncoder[{"Tokens", {"hi", "there"}}]["Hi you there"]') == "{1, 3, 2}"


def test_coders_print_as_wolfram_shows_them(wl):
    out = wl.session.evaluate('NetEncoder[{"Class", {"a", "b"}}]')[-1]
    from wlnet.format.outputform import output_form
    assert output_form(out.result) == 'NetEncoder[{"Class", \u2026}]'
    assert output_form(wl.value('NetDecoder["Boolean"]')) == 'NetDecoder["Boolean"]'
    assert wl('NetDecoder[{"Class", {"a", "b"}, "InputDepth" -> 2}]') == \
        'NetDecoder[{"Class", {"a", "b"}, "InputDepth" -> 2}]'
    assert wl('NetDecoder[NetEncoder[{"Class", {1, 2}}]]') == 'NetDecoder[{"Class", {1, 2}}]'


def test_decoder_properties(wl):
    wl('dec = NetDecoder[{"Class", {"a", "b", "c"}}]; p = {0.1, 0.7, 0.2};')
    assert wl("dec[p]") == '"b"'
    assert wl("dec[{p, {0.5, 0.3, 0.2}}]") == '{"b", "a"}'
    assert wl('dec[p, "Probabilities"]') == '<|"a" -> 0.1, "b" -> 0.7, "c" -> 0.2|>'
    assert wl('dec[p, {"Probabilities", "c"}]') == "0.2"
    assert wl('dec[p, "TopProbabilities"]') == '{"b" -> 0.7, "c" -> 0.2, "a" -> 0.1}'
    assert wl('dec[p, {"TopProbabilities", 1}]') == '{"b" -> 0.7}'
    assert wl('dec[p, {"TopDecisions", 2}]') == '{"b", "c"}'
    assert abs(wl.value('dec[p, "Entropy"]').value - 0.8018185525433373) < 1e-12
    assert wl('NetDecoder["Class"][{0.2, 0.8}]') == "2"
    assert wl('NetDecoder["Boolean"][{0.2, 0.5}]') == "{False, True}"
    assert wl('NetDecoder["Boolean"][0.3, "Probability"]') == "0.3"
    assert wl('NetDecoder["Scalar"][{{1.5}, {2.}}]') == "{1.5, 2.}"


def test_bad_coder_input_gives_wolframs_tags(wl):
    assert wl.messages('NetEncoder[{"Class", {"a", "b"}}]["z"]') == ["NetEncoder::invencin"]
    assert wl.messages('NetEncoder["Foo"]') == ["NetEncoder::badtype"]
    assert wl.messages('NetEncoder[{"Class", {"a", "a"}}]') == ["NetEncoder::invcdrarg"]
    assert wl.messages('NetEncoder["Boolean"][3]') == ["NetEncoder::invencin"]
    wl('dec = NetDecoder[{"Class", {"a", "b", "c"}}];')
    assert wl.messages('dec[{0.1, 0.9}]') == ["NetDecoder::invarray"]
    assert wl.messages('dec[{{{0.1}}}]') == ["NetDecoder::invrank"]
    assert wl.messages('dec["x"]') == ["NetDecoder::notarray"]
    assert wl.messages('dec[{0.1, 0.7, 0.2}, "Foo"]') == ["NetDecoder::invprop"]
    assert wl.messages('dec[{0.1, 0.7, 0.2}, {"TopDecisions", 4}]') == ["NetDecoder::invprop"]
    assert wl('dec[{0.1, 0.7, 0.2}]') == '"b"'               # nothing was lost


def test_a_net_with_coders_encodes_and_decodes(wl):
    wl(CLASSIFIER)
    assert wl('net[{1, 2}]') in ('"a"', '"b"', '"c"')
    assert wl('Length[net[{{1, 2}, {0, 1}}]]') == "2"
    assert wl('net[{1, 2}, None]').startswith("{")
    assert wl('Keys[net[{1, 2}, "Probabilities"]]') == '{"a", "b", "c"}'
    assert wl('net[{1, 2}, "Output" -> "Entropy"] == net[{1, 2}, "Entropy"]') == "True"
    assert wl('NetExtract[net, "Output"]') == 'NetDecoder[{"Class", {"a", "b", "c"}}]'
    wl('e = NetInitialize[NetChain[{LinearLayer[2]}, "Input" -> '
       'NetEncoder[{"Class", {"x", "y"}, "UnitVector"}]], RandomSeeding -> 1];')
    assert wl('e["y"] == e[{"y"}][[1]] == e[{0, 1}]') == "True"
    assert wl.messages('e["q"]') == ["NetChain::invindata3"]
    assert wl.messages('net[{1, 2}, "Foo"]') == ["NetDecoder::invprop"]


def test_the_summary_and_inputform_show_the_coders(wl):
    wl(CLASSIFIER)
    from wlnet.format.outputform import output_form
    assert output_form(wl.value("net")) == "NetChain[<2 layers, 2 -> class, initialized>]"
    assert wl('ToString[InputForm[net]] == ToString[InputForm[ToExpression[ToString['
              'InputForm[net]]]]]') in ("True", "False")
    form = wl("net")
    assert form.endswith('"Output" -> NetDecoder[{"Class", {"a", "b", "c"}}]]')
    assert wl.messages('NetChain[{LinearLayer[4], SoftmaxLayer[]}, '
                       '"Output" -> NetDecoder[{"Class", {"a", "b", "c"}}]]') == \
        ["NetChain::tyfail"]


def test_training_on_class_labels_in_every_data_form(wl):
    wl(CLASSIFIER + DATA)
    opts = "MaxTrainingRounds -> 1500, TrainingProgressReporting -> None, RandomSeeding -> 1"
    wl(f"t1 = NetTrain[net, data, {opts}];")
    assert wl('t1[{{1, 2}, {-1, 0}, {0, 3}}]') == '{"a", "b", "c"}'
    wl(f't2 = NetTrain[net, Keys[data] -> Values[data], {opts}];')
    wl(f't3 = NetTrain[net, <|"Input" -> Keys[data], "Output" -> Values[data]|>, {opts}];')
    wl(f't4 = NetTrain[net, Keys[data] -> {{1, 2, 3}}, {opts}];')    # already encoded
    for t in ("t2", "t3", "t4"):
        assert wl(f'{t}[{{{{1, 2}}, {{-1, 0}}, {{0, 3}}}}]') == '{"a", "b", "c"}'
    assert wl.messages(f'NetTrain[net, {{{{1, 2}} -> "a", {{0, 1}} -> "z"}}, {opts}]') == \
        ["NetTrain::invindata3"]


def test_integer_labels_and_a_packed_label_column(wl):
    wl('SeedRandom[3]; xs = RandomReal[1, {40, 5}]; ys = RandomInteger[{0, 2}, 40];')
    wl('net = NetChain[{LinearLayer[3], SoftmaxLayer[]}, "Input" -> 5, '
       '"Output" -> NetDecoder[{"Class", Range[0, 2]}]];')
    wl('t = NetTrain[net, xs -> ys, MaxTrainingRounds -> 5, TrainingProgressReporting -> None];')
    assert isinstance(wl.value("t"), NetValue)
    assert wl('Union[t[xs], {0, 1, 2}]') == "{0, 1, 2}"
    assert wl('Count[t[xs] - ys, 0] == Round[40 NetMeasurements[t, xs -> ys, "Accuracy"]]') \
        == "True"


def test_measurements_in_the_results(wl):
    wl(CLASSIFIER + DATA)
    wl('r = NetTrain[net, data, All, ValidationSet -> data, MaxTrainingRounds -> 4, '
       'TrainingProgressReporting -> None];')
    assert wl('Keys[r["RoundMeasurements"]]') == '{"Loss", "ErrorRate"}'
    assert wl('r["RoundMeasurements"]["Loss"] == r["RoundLoss"]') == "True"
    assert wl('r["ValidationMeasurements"]["Loss"] == r["ValidationLoss"]') == "True"
    assert wl('Length /@ r["RoundMeasurementsLists"]') == '<|"Loss" -> 4, "ErrorRate" -> 4|>'
    assert wl('r["ValidationMeasurementsLists"]["Loss"] == r["ValidationLossList"]') == "True"
    assert wl('r["FinalValidationMeasurements"] === r["ValidationMeasurements"]') == "True"
    wl('r2 = NetTrain[net, data, All, TrainingProgressMeasurements -> {"Accuracy", '
       '<|"Measurement" -> "ConfusionMatrix"|>}, MaxTrainingRounds -> 2, '
       'TrainingProgressReporting -> None];')
    assert wl('Keys[r2["RoundMeasurements"]]') == '{"Loss", "Accuracy", "ConfusionMatrix"}'
    assert wl('Total[r2["RoundMeasurements"]["ConfusionMatrix"], 2]') == "3"
    assert wl('r2["ValidationMeasurements"]') == 'Missing["NotAvailable"]'
    assert wl.messages('NetTrain[net, data, TrainingProgressMeasurements -> "Foo"]') == \
        ["NetTrain::invmeasure"]


def test_netmeasurements(wl):
    wl(CLASSIFIER + DATA)
    values = wl.value('NetMeasurements[net, data, {"ErrorRate", "Accuracy", "Loss", '
                      '"ConfusionMatrix", "Precision", {"Accuracy", 3}}]').args
    assert abs(values[0].value + values[1].value - 1) < 1e-12 and values[5].value == 1.0
    assert np.asarray(values[3].array).sum() == 3
    assert wl('Keys[NetMeasurements[net, data, "Recall"]]') == '{"a", "b", "c"}'
    loss = wl.value('NetMeasurements[net, data, "Loss"]').value
    probs = [wl.value(f'net[{x}, {{"Probabilities", "{c}"}}]').value
             for x, c in [("{1, 2}", "a"), ("{-1, 0}", "b"), ("{0, 3}", "c")]]
    assert abs(loss - np.mean(-np.log(probs))) < 1e-5
    assert wl.messages('NetMeasurements[net, data, "Foo"]') == ["NetMeasurements::invmeasure"]
    assert wl.messages('NetMeasurements[NetChain[{LinearLayer[2]}, "Input" -> 2], '
                       '{{1, 2} -> {0, 1}}, "ErrorRate"]') == ["NetMeasurements::notinit"]


def test_nets_with_coders_survive_a_file(wl, tmp_path):
    path = str(tmp_path / "coders.wlnet")
    wl('net = NetInitialize[NetChain[{LinearLayer[3], SoftmaxLayer[]}, "Input" -> '
       'NetEncoder[{"Class", {x, "b", 3}, "UnitVector"}], "Output" -> '
       'NetDecoder[{"Class", {"a", "b", c}}]], RandomSeeding -> 1];')
    wl(f'Export["{path}", net]; back = Import["{path}"];')
    assert wl('back[x, "Probabilities"] === net[x, "Probabilities"]') == "True"
    assert wl('ToString[InputForm[back]] == ToString[InputForm[net]]') == "True"
    assert wl('NetExtract[back, "Input"][["Labels"]]') == '{x, "b", 3}'


def test_netreplacepart_puts_a_coder_on_a_port(wl):
    wl('net = NetInitialize[NetChain[{LinearLayer[3], SoftmaxLayer[]}, "Input" -> 2], '
       'RandomSeeding -> 1];')
    wl('n2 = NetReplacePart[net, "Output" -> NetDecoder[{"Class", {"a", "b", "c"}}]];')
    assert wl('MemberQ[{"a", "b", "c"}, n2[{1, 2}]]') == "True"
    assert wl('NetExtract[n2, "Output"] === NetDecoder[{"Class", {"a", "b", "c"}}]') == "True"
    assert wl.messages('NetReplacePart[n2, "Output" -> NetDecoder[{"Class", {"a", "b"}}]]') \
        == ["NetChain::tyfail"]
