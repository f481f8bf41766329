In[1]:= data = {{1, 0} -> "cat", {0.9, 0.2} -> "cat", {0, 1} -> "dog", {0.1, 0.8} -> "dog", {-1, -1} -> "bird", {-0.8, -1.2} -> "bird"};

In[2]:= net = NetChain[{LinearLayer[3], SoftmaxLayer[]}, "Input" -> 2, "Output" -> NetDecoder[{"Class", {"cat", "dog", "bird"}}]]

Out[2]= NetChain[<2 layers, 2 -> class, uninitialized>]

In[3]:= trained = NetTrain[net, data, MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 1]

Out[3]= NetChain[<2 layers, 2 -> class, initialized>]

In[4]:= trained[{{1, 0.1}, {0, 0.9}, {-1, -0.9}}]

Out[4]= {cat, dog, bird}

In[5]:= Round[Values[trained[{1, 0.1}, "Probabilities"]], 0.01]

Out[5]= {1., 0., 0.}

In[6]:= trained[{0, 0.9}, {"TopDecisions", 2}]

Out[6]= {dog, cat}

In[7]:= NetTrain[net, Keys[data] -> Values[data], "TrainedNet", MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 1][{1, 0.1}]

Out[7]= cat

In[8]:= NetTrain[net, <|"Input" -> Keys[data], "Output" -> Values[data]|>, "TrainedNet", MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 1][{1, 0.1}]

Out[8]= cat

In[9]:= results = NetTrain[net, data, All, ValidationSet -> data, MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 1]

Out[9]= NetTrainResultsObject[<>]

In[10]:= Keys[results["RoundMeasurements"]]

Out[10]= {Loss, ErrorRate}

In[11]:= results["ValidationMeasurements"]["ErrorRate"]

Out[11]= 0.

In[12]:= Round[results["ValidationMeasurements"]["Loss"] - results["ValidationLoss"], 10.^-6]

Out[12]= 0.

In[13]:= Length /@ results["ValidationMeasurementsLists"]

Out[13]= <|Loss -> 300, ErrorRate -> 300|>

In[14]:= First[results["RoundMeasurementsLists"]["ErrorRate"]] >= Last[results["RoundMeasurementsLists"]["ErrorRate"]]

Out[14]= True

In[15]:= measured = NetTrain[net, data, All, TrainingProgressMeasurements -> {"Accuracy", {"Accuracy", 2}, "ConfusionMatrix"}, MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 1]

Out[15]= NetTrainResultsObject[<>]

In[16]:= Rest[Keys[measured["RoundMeasurements"]]]

Out[16]= {Accuracy, {Accuracy, 2}, ConfusionMatrix}

In[17]:= measured["RoundMeasurements"]["ConfusionMatrix"]

Out[17]= {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}}

In[18]:= NetMeasurements[trained, data, "ErrorRate"]

Out[18]= 0.

In[19]:= NetMeasurements[trained, data, {"Accuracy", "ConfusionMatrix", "Recall"}]

Out[19]= {1., {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}}, <|cat -> 1., dog -> 1.,

>    bird -> 1.|>}

In[20]:= Round[NetMeasurements[trained, data, "Loss"], 0.01]

Out[20]= 0.01

In[21]:= NetTrain[net, {{1, 0} -> "cat", {0, 1} -> "cow"}, TrainingProgressReporting -> None]

NetTrain::invindata3: The data for the port Output could not be encoded: cow
    is not among the classes {cat, dog, bird}.

Out[21]= $Failed

In[22]:= NetTrain[net, data, TrainingProgressMeasurements -> "Speed", TrainingProgressReporting -> None]

NetTrain::invmeasure: Speed is not a measurement of wlnet; use ErrorRate,
    Accuracy, ConfusionMatrix, Precision, Recall, F1Score, CohenKappa,
    Entropy, Loss.

Out[22]= $Failed

In[23]:= NetMeasurements[trained, data, "Speed"]

NetMeasurements::invmeasure: Speed is not a measurement of wlnet; use
    ErrorRate, Accuracy, ConfusionMatrix, Precision, Recall, F1Score,
    CohenKappa, Entropy, Loss.

Out[23]= $Failed

In[24]:= NetMeasurements[trained, {{1, 0} -> "cow"}, "ErrorRate"]

NetMeasurements::invindata3: The data for the port Output could not be
    encoded: cow is not among the classes {cat, dog, bird}.

Out[24]= $Failed

In[25]:= trained[{1, 0}]

Out[25]= cat
