In[1]:= fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None];

In[2]:= core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>, {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}];

In[3]:= fold = NetFoldOperator[core, "Input" -> {"Varying", 2}];

In[4]:= NetLearningRateMultipliers[fold, {_ -> 0.1, 3 -> 0}]

NetLearningRateMultipliers::lrmshadow: The rule 3 -> 0
     can never apply: the earlier rule _ -> 0.1
     already gives a rate to every array it matches.

NetLearningRateMultipliers::lrmopnet: 3 on the NetFoldOperator selects its
    whole inner net, not one of its layers; to name a layer inside it, use a
    path such as {"Net", "l3"}.

Out[4]= <|{Net, l2, Biases} -> 0.1, {Net, l2, Weights} -> 0.1, {Net, l3,

>    Weights} -> 0.1|>

In[5]:= NetLearningRateMultipliers[fold, {{"Net", "l3"} -> 0, _ -> 0.1}]

Out[5]= <|{Net, l2, Biases} -> 0.1, {Net, l2, Weights} -> 0.1, {Net, l3,

>    Weights} -> 0.|>

In[6]:= NetLearningRateMultipliers[fold, {"Net" -> 0.5, {"Net", "l2"} -> -1}]

NetLearningRateMultipliers::lrmshadow: The rule {Net, l2} -> -1
     can never apply: the earlier rule Net -> 0.5
     already gives a rate to every array it matches.

Out[6]= <|{Net, l2, Biases} -> 0.5, {Net, l2, Weights} -> 0.5, {Net, l3,

>    Weights} -> 0.5|>

In[7]:= NetTrain[core, {{1, 2} -> {1, 2}}, LearningRateMultipliers -> {2 -> 0}]

NetGraph::intpartassoc: The integer 2 cannot name a node of a NetGraph built
    from an association; use the node's name instead.

NetTrain::arrpattmiss: The left hand side 2 in the setting for
    LearningRateMultipliers does not name a part of the net.

Out[7]= $Failed

In[8]:= NetTrain[fold, {{{1, 2}} -> {{1, 2}}}, LearningRateMultipliers -> {"State" -> 0, _ -> 1}, MaxTrainingRounds -> 1]

NetTrain::lrmnomatch: The rule State -> 0
     matches no trainable array of the net, so it has no effect.

Out[8]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[9]:= NetTrain[fold, {{{1, 2}} -> {{1, 2}}}, LearningRateMultipliers -> {"l3" -> 0}]

NetTrain::arrpattmiss: The left hand side l3 in the setting for
    LearningRateMultipliers does not name a part of the net.

Out[9]= $Failed

In[10]:= NetTrain[fold, {{{1, 2}} -> {{1, 2}}}, LearningRateMultipliers -> {{"Net", "l3"} -> "zero"}]

NetTrain::arrpattnnum: The right hand side zero in the setting for
    LearningRateMultipliers should be a number or None.

Out[10]= $Failed

In[11]:= NetTrain[fold, {{{1, 2}} -> {{1, 2}}}, LearningRateMultipliers -> "l3"]

NetTrain::arrpattnlist: The setting for LearningRateMultipliers should be a
    number, Automatic, or a list of rules from parts of the net to
    multipliers.

Out[11]= $Failed

In[12]:= SeedRandom[7]; xs = RandomReal[{-1, 1}, {64, 2}]; ys = Map[{2 #[[1]] - #[[2]] + 0.5} &, xs];

In[13]:= reg = NetChain[{LinearLayer[8, "Input" -> 2], Tanh, LinearLayer[1]}]

Out[13]= NetChain[<3 layers, 2 -> 1, uninitialized>]

In[14]:= r = NetTrain[reg, xs -> ys, All, MaxTrainingRounds -> 300, LearningRate -> 0.01, BatchSize -> 16]

Out[14]= NetTrainResultsObject[<>]

In[15]:= r[{"OptimizationMethod", "BatchSize", "BatchesPerRound", "TotalRounds", "TotalBatches", "ExamplesProcessed"}]

Out[15]= {ADAM, 16, 4, 300, 1200, 19200}

In[16]:= r["RoundLoss"] < 0.005

Out[16]= True

In[17]:= r["LossPlot"]

Out[17]= -Graphics-

In[18]:= trained = r["TrainedNet"]

Out[18]= NetChain[<3 layers, 2 -> 1, initialized>]

In[19]:= trained[{0.5, -0.5}]

Out[19]= {2.02682}

In[20]:= NetTrain[reg, xs -> ys, {"TotalRounds", "ReasonTrainingStopped"}, Method -> {"SGD", "Momentum" -> 0.9}, MaxTrainingRounds -> 5]

Out[20]= {5, MaxTrainingRounds}

In[21]:= NetTrain[reg, xs -> ys, "TotalRounds", TargetDevice -> "GPU"]

NetTrain::trgdevnogpu: TargetDevice -> GPU could not be used; your system
    does not appear to have a supported NVIDIA GPU.

Out[21]= $Failed

In[22]:= NetTrain[reg, xs -> ys, "Loss"]

NetTrain::invntrspec: Loss is not All, a property of the training results, or
    a list of them; the properties are {ArraysLearningRateMultipliers,
    BatchesPerRound, BatchLossList, BatchSize, BestValidationRound,
    ExamplesProcessed, FinalLearningRate, FinalNet, InitialLearningRate,
    LossPlot, MeanBatchesPerSecond, MeanExamplesPerSecond,
    OptimizationMethod, ReasonTrainingStopped, RoundLoss, RoundLossList,
    RoundMeasurements, RoundMeasurementsLists, RoundPositions, TargetDevice,
    TotalBatches, TotalRounds, TotalTrainingTime, TrainedNet,
    TrainingExamples, ValidationExamples, ValidationLoss, ValidationLossList,
    ValidationMeasurements, ValidationMeasurementsLists}.

Out[22]= $Failed

In[23]:= NetTrain[reg, xs -> ys, "TotalBatches", Method -> "SGD", LearningRate -> 10^8]

NetTrain::nonfinite: Training stopped: the loss became NaN or infinite; the
    net of the last finite loss (batch 3) is returned.

Out[23]= 3
