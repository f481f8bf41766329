(* The question wlnet grew from (Mathematica SE 181765): how to freeze one layer of a
   recurrent net. Run with:  wlnet examples/seed.wl *)

fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None];
core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>,
  {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}];
fold = NetInitialize[NetFoldOperator[core, "Input" -> {"Varying", 2}]];
io = {{{1, 2}, {3, 4}} -> {{1, 2}, {3, 4}},
      {{0.5, 1}, {1, 0}, {0, 1}} -> {{0, 1}, {1, 1}, {1, 2}}};

(* the arrays whose values training changed *)
changed[net_] := Select[Keys[NetInformation[fold, "Arrays"]],
  NetInformation[net, "Arrays"][#] =!= NetInformation[fold, "Arrays"][#] &];

Print["The arrays: ", Keys[NetInformation[fold, "Arrays"]]];

Print["{_ -> 0.1, 3 -> 0} (the question's first try) changes ",
  changed[NetTrain[fold, io, LearningRateMultipliers -> {_ -> 0.1, 3 -> 0}]]];

Print["{3 -> 0, _ -> 0.1} (the question's second try) changes ",
  changed[NetTrain[fold, io, LearningRateMultipliers -> {3 -> 0, _ -> 0.1}]]];

Print["What NetTrain would use for {{\"Net\", \"l3\"} -> 0, _ -> 1}: ",
  NetLearningRateMultipliers[fold, {{"Net", "l3"} -> 0, _ -> 1}]];

Print["{{\"Net\", \"l3\"} -> 0, _ -> 1} (the answer) changes ",
  changed[NetTrain[fold, io, LearningRateMultipliers -> {{"Net", "l3"} -> 0, _ -> 1}]]];

Print["{{\"Net\", \"l3\", \"Weights\"} -> 0, _ -> 1} changes ",
  changed[NetTrain[fold, io, LearningRateMultipliers -> {{"Net", "l3", "Weights"} -> 0, _ -> 1}]]];
