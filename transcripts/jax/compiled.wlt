In[1]:= data = Table[x -> {2 x, Sin[x]}, {x, 0., 3., 0.25}];

In[2]:= net = NetChain[{LinearLayer[8], Tanh, LinearLayer[2]}, "Input" -> "Real"];

In[3]:= SeedRandom[1]; results = NetTrain[net, data, All, BatchSize -> 4, MaxTrainingRounds -> 200, TargetDevice -> {"CPU", "Compiled"}];

In[4]:= results["TargetDevice"]

Out[4]= {CPU, Compiled}

In[5]:= {results["TotalBatches"], results["ReasonTrainingStopped"]}

Out[5]= {800, MaxTrainingRounds}

In[6]:= Round[results["RoundLoss"], 0.01]

Out[6]= 0.55

In[7]:= trained = results["TrainedNet"]

Out[7]= NetChain[<3 layers, Real -> 2, initialized>]

In[8]:= Round[trained[{1., 2.}, TargetDevice -> {"CPU", "Compiled"}], 0.1]

Out[8]= {{2.6, 0.6}, {3.5, 0.7}}

In[9]:= Round[trained[{1., 2.}] - trained[{1., 2.}, TargetDevice -> {"CPU", "Compiled"}], 0.001]

Out[9]= {{0., 0.}, {0., 0.}}

In[10]:= SeedRandom[1]; cpu = NetTrain[net, data, "BatchLossList", BatchSize -> 4, MaxTrainingRounds -> 200];

In[11]:= Max[Abs[cpu - results["BatchLossList"]]] < 10^-4

Out[11]= True

In[12]:= fold = NetFoldOperator[NetGraph[{TotalLayer[], LinearLayer[2]}, {{NetPort["Input"], NetPort["State"]} -> 1 -> 2}]];

In[13]:= SeedRandom[2]; folded = NetTrain[fold, {{{1, 0}, {0, 1}} -> {{1, 0}, {1, 1}}, {{0, 1}, {1, 1}} -> {{0, 1}, {1, 2}}}, MaxTrainingRounds -> 300, TargetDevice -> {"CPU", "Compiled"}]

Out[13]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[14]:= Round[folded[{{1, 0}, {0, 1}}], 0.1]

Out[14]= {{0., 0.9}, {-0.1, -1.}}

In[15]:= NetTrain[fold, {{{1, 0}, {0, 1}} -> {{1, 0}, {1, 1}}, {{0, 1}} -> {{0, 1}}}, TargetDevice -> {"CPU", "Compiled"}]

Out[15]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[16]:= NetTrain[net, data, TargetDevice -> {"CPU", 2}]

NetTrain::trgdevcpumax: TargetDevice -> {CPU, 2}
     could not be used; JAX sees only 1 CPU device(s).

Out[16]= $Failed

In[17]:= NetTrain[net, data, TargetDevice -> {"CPU", All}, MaxTrainingRounds -> 1] // Head

Out[17]= NetChain
