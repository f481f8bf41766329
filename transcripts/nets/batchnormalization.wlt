In[1]:= BatchNormalizationLayer[]

Out[1]= BatchNormalizationLayer[<? -> ?, uninitialized>]

In[2]:= bn = NetInitialize[BatchNormalizationLayer["Input" -> 3]]

Out[2]= BatchNormalizationLayer[<3 -> 3, initialized>]

In[3]:= Normal[NetExtract[bn, #]] & /@ {"Scaling", "Biases", "MovingMean", "MovingVariance"}

Out[3]= {{1., 1., 1.}, {0., 0., 0.}, {0., 0., 0.}, {1., 1., 1.}}

In[4]:= bn[{1, 2, 3}]

Out[4]= {0.9995, 1.999, 2.9985}

In[5]:= x = {{0.9, 0.18, 0.36}, {0.78, 0.45, 0.66}};

In[6]:= bn[x, NetEvaluationMode -> "Train"]

Out[6]= {{0.884652, -0.973645, -0.978492}, {-0.884652, 0.973645, 0.978492}}

In[7]:= bn[x, NetEvaluationMode -> "Test"]

Out[7]= {{0.89955, 0.17991, 0.35982}, {0.77961, 0.449775, 0.65967}}

In[8]:= bn2 = BatchNormalizationLayer["Scaling" -> {1, 2}, "Biases" -> {0, 1}, "MovingMean" -> {1, 1}, "MovingVariance" -> {4, 1}, "Epsilon" -> 0, "Input" -> {2, 2}]

Out[8]= BatchNormalizationLayer[<{2, 2} -> {2, 2}, initialized>]

In[9]:= bn2[{{1, 3}, {2, 0}}]

Out[9]= {{0., 1.}, {3., -1.}}

In[10]:= BatchNormalizationLayer["Input" -> {3, 32, 32}]

Out[10]= BatchNormalizationLayer[<{3, 32, 32} -> {3, 32, 32}, uninitialized>]

In[11]:= NetInformation[NetInitialize[BatchNormalizationLayer[Interleaving -> True, "Input" -> {5, 5, 2}]], "ArraysDimensions"]

Out[11]= <|{Biases} -> {2}, {MovingMean} -> {2}, {MovingVariance} -> {2},

>    {Scaling} -> {2}|>

In[12]:= data = {{1, 2} -> {1}, {3, 1} -> {0}, {2, 2} -> {1}, {0, 5} -> {0}};

In[13]:= net = NetTrain[NetChain[{BatchNormalizationLayer[], LinearLayer[1]}, "Input" -> 2], data, BatchSize -> 4, MaxTrainingRounds -> 1, TrainingProgressReporting -> None];

In[14]:= NetExtract[net, {1, "MovingMean"}]

Out[14]= {0.15, 0.25}

In[15]:= NetExtract[net, {1, "MovingVariance"}]

Out[15]= {1.025, 1.125}

In[16]:= frozen = NetTrain[NetChain[{BatchNormalizationLayer[], LinearLayer[1]}, "Input" -> 2], data, BatchSize -> 4, MaxTrainingRounds -> 5, LearningRateMultipliers -> {1 -> 0}, TrainingProgressReporting -> None];

In[17]:= NetExtract[frozen, {1, "MovingMean"}]

Out[17]= {0., 0.}

In[18]:= still = NetTrain[NetChain[{BatchNormalizationLayer["Momentum" -> 1], LinearLayer[1]}, "Input" -> 2], data, BatchSize -> 4, MaxTrainingRounds -> 5, TrainingProgressReporting -> None];

In[19]:= NetExtract[still, {1, "MovingVariance"}]

Out[19]= {1., 1.}

In[20]:= Information[net, "ArraysLearningRateMultipliers"]

Out[20]= <|{1, Biases} -> 1., {1, Scaling} -> 1., {2, Biases} -> 1., {2,

>    Weights} -> 1.|>

In[21]:= NetInformation[net]

Out[21]= NetChain (initialized)
           layers:  2 (BatchNormalizationLayer 1, LinearLayer 1)
           arrays:  6 (11 elements, 44 bytes, 2 not trained)
           inputs:  Input (2)
           outputs: Output (1)

In[22]:= InputForm[BatchNormalizationLayer["Epsilon" -> 0.01, "Momentum" -> 0.5, "Input" -> 2]]

Out[22]//InputForm= BatchNormalizationLayer["Epsilon" -> 0.01, "Momentum" -> 0.5, "Input" -> 2]

In[23]:= BatchNormalizationLayer["Input" -> "Real"]

BatchNormalizationLayer::tyfail: BatchNormalizationLayer needs at least a
    vector, not a real number.

Out[23]= $Failed

In[24]:= BatchNormalizationLayer["Momentum" -> 2]

BatchNormalizationLayer::invarg: The momentum 2 should be a number at least 0
    and at most 1.

Out[24]= $Failed

In[25]:= bn[{1, 2}]

BatchNormalizationLayer::invinput: The input Input should be a vector of size
    3, not an array of dimensions {2}.

Out[25]= $Failed
