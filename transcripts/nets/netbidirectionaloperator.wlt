In[1]:= NetBidirectionalOperator[LongShortTermMemoryLayer[3]]

Out[1]= NetBidirectionalOperator[<{LongShortTermMemoryLayer, LongShortTermMemoryLayer}, {n, ?} -> {n, 6}, ForwardState: 3, ForwardCellState: 3, BackwardState: 3, BackwardCellState: 3, uninitialized>]

In[2]:= SeedRandom[1]; bi = NetInitialize[NetBidirectionalOperator[{LongShortTermMemoryLayer[2], GatedRecurrentLayer[2]}, "Input" -> {"Varying", 3}]]

Out[2]= NetBidirectionalOperator[<{LongShortTermMemoryLayer, GatedRecurrentLayer}, {n, 3} -> {n, 4}, ForwardState: 2, ForwardCellState: 2, BackwardState: 2, initialized>]

In[3]:= x = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

In[4]:= bi[x]

Out[4]= {{0.156244, 0.304733, 0.125127, 0.282745}, {0.00519726, 0.243257,

>    -0.00226647, -0.459058}, {-0.0305914, 0.371869, -0.264473, -0.358416}}

In[5]:= f = NetExtract[bi, "ForwardNet"]; b = NetExtract[bi, "BackwardNet"];

In[6]:= Max[Abs[bi[x] - MapThread[Join, {f[x], Reverse[b[Reverse[x]]]}]]] < 10^-6

Out[6]= True

In[7]:= Dimensions /@ bi[{x, Most[x]}]

Out[7]= {{3, 4}, {2, 4}}

In[8]:= bi[Most[x]] == bi[{x, Most[x]}][[2]]

Out[8]= True

In[9]:= bi[x, "BackwardState"] == Last[b[Reverse[x]]]

Out[9]= True

In[10]:= NetBidirectionalOperator[{BasicRecurrentLayer[2], BasicRecurrentLayer[2]}, Total, "Input" -> {4, 3}]

Out[10]= NetBidirectionalOperator[<{BasicRecurrentLayer, BasicRecurrentLayer}, {4, 3} -> {4, 2}, ForwardState: 2, BackwardState: 2, uninitialized>]

In[11]:= mean = NetInitialize[NetBidirectionalOperator[BasicRecurrentLayer[2], Mean, "Input" -> {4, 3}]];

In[12]:= Max[Abs[mean[{{1, 2, 3}, {0, 0, 0}, {1, 1, 1}, {3, 2, 1}}] - (NetExtract[mean, "ForwardNet"][{{1, 2, 3}, {0, 0, 0}, {1, 1, 1}, {3, 2, 1}}] + Reverse[NetExtract[mean, "BackwardNet"][{{3, 2, 1}, {1, 1, 1}, {0, 0, 0}, {1, 2, 3}}]])/2]] < 10^-6

Out[12]= True

In[13]:= NetBidirectionalOperator[SequenceLastLayer[], "Input" -> {"Varying", 2}]

Out[13]= NetBidirectionalOperator[<{SequenceLastLayer, SequenceLastLayer}, {n, 2} -> 4>]

In[14]:= NetBidirectionalOperator[{BasicRecurrentLayer[1], BasicRecurrentLayer[3]}, Total, "Input" -> {"Varying", 3}]

NetBidirectionalOperator::tyfail: The shapes of the forward and backward
    nets' outputs are incompatible: a sequence of vectors of size 1 and a
    sequence of vectors of size 3.

Out[14]= $Failed

In[15]:= NetBidirectionalOperator[LinearLayer[2], Max]

NetBidirectionalOperator::invarg: Second argument should be one of Catenate,
    Total, or Mean.

Out[15]= $Failed

In[16]:= NetBidirectionalOperator[{LongShortTermMemoryLayer[2]}]

NetBidirectionalOperator::invarg: First argument should be a valid net or a
    pair of valid nets.

Out[16]= $Failed

In[17]:= InputForm[NetBidirectionalOperator[BasicRecurrentLayer[1, "Input" -> {2, 1}], Mean]]

Out[17]//InputForm= NetBidirectionalOperator[{BasicRecurrentLayer[1, "Input" -> {2, 1}], BasicRecurrentLayer[1, "Input" -> {2, 1}]}, Mean]

In[18]:= Keys[NetInformation[bi, "ArraysDimensions"]][[{1, -1}]]

Out[18]= {{ForwardNet, ForgetGateBiases}, {BackwardNet,

>    ResetGateStateWeights}}

In[19]:= c = NetChain[{NetBidirectionalOperator[GatedRecurrentLayer[4]], SequenceLastLayer[], LinearLayer[1]}, "Input" -> {"Varying", 2}]

Out[19]= NetChain[<3 layers, {n, 2} -> 1, uninitialized>]

In[20]:= SeedRandom[3]; data = Table[With[{s = RandomReal[1, {RandomInteger[{2, 6}], 2}]}, s -> {s[[1, 1]] - s[[-1, 2]]}], 200];

In[21]:= c0 = NetInitialize[c]; trained = NetTrain[c0, data, MaxTrainingRounds -> 3, LearningRateMultipliers -> {{1, "BackwardNet"} -> 0}, TrainingProgressReporting -> None];

In[22]:= {trained[[1, "BackwardNet", "InputGateBiases"]] == c0[[1, "BackwardNet", "InputGateBiases"]], trained[[1, "ForwardNet", "InputGateBiases"]] == c0[[1, "ForwardNet", "InputGateBiases"]]}

Out[22]= {True, False}
