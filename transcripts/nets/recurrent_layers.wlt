In[1]:= LongShortTermMemoryLayer[3]

Out[1]= LongShortTermMemoryLayer[<{n, ?} -> {n, 3}, State: 3, CellState: 3, uninitialized>]

In[2]:= SeedRandom[1]; lstm = NetInitialize[LongShortTermMemoryLayer[3, "Input" -> {"Varying", 2}]]

Out[2]= LongShortTermMemoryLayer[<{n, 2} -> {n, 3}, State: 3, CellState: 3, initialized>]

In[3]:= lstm[{{1, 2}, {3, 4}, {5, 6}}]

Out[3]= {{-0.0733352, 0.0438204, 0.451086}, {-0.108945, 0.0471982, 0.700639},

>    {-0.124508, 0.0391472, 0.704383}}

In[4]:= seq1 = {{0.1, 0.4}, {-0.2, 0.7}}; seq2 = {{0.2, -0.3}, {0.1, 0.8}, {-1.3, -0.6}};

In[5]:= lstm[{seq1, seq2}]

Out[5]= {{{-0.0671464, 0.0492725, 0.110765}, {-0.150928, 0.100497,

>    0.247315}}, {{0.0698525, -0.039911, -0.0482039}, {-0.0420222, 0.0311073,

>    0.179016}, {0.129968, -0.116305, -0.0353816}}}

In[6]:= Dimensions /@ lstm[{seq1, seq2}]

Out[6]= {{2, 3}, {3, 3}}

In[7]:= lstm[seq2, "State"] == Last[lstm[seq2]]

Out[7]= True

In[8]:= lstm[seq2, "CellState"]

Out[8]= {0.262793, -0.254195, -0.150307}

In[9]:= lstm[<|"Input" -> seq1, "State" -> {1, 0, -1}, "CellState" -> {0.5, 0.5, 0.5}|>]

Out[9]= {{0.150522, -0.0439888, 0.237721}, {0.00562813, -0.0224835, 0.322885}}

In[10]:= NetExtract[lstm, "ForgetGateBiases"]

Out[10]= {1., 1., 1.}

In[11]:= NetExtract[lstm, "OutputGateBiases"]

Out[11]= {0., 0., 0.}

In[12]:= Dimensions /@ {NetExtract[lstm, "InputGateInputWeights"], NetExtract[lstm, "InputGateStateWeights"]}

Out[12]= {{3, 2}, {3, 3}}

In[13]:= gate[g_, f_] := f[NetExtract[lstm, g <> "InputWeights"] . {1, 2} + NetExtract[lstm, g <> "Biases"]]

In[14]:= c1 = gate["InputGate", LogisticSigmoid] gate["MemoryGate", Tanh]; s1 = gate["OutputGate", LogisticSigmoid] Tanh[c1]

Out[14]= {-0.0733352, 0.0438204, 0.451086}

In[15]:= Max[Abs[s1 - First[lstm[{{1, 2}}]]]] < 10^-6

Out[15]= True

In[16]:= NetInformation[lstm]

Out[16]= LongShortTermMemoryLayer (initialized)
           layers:  1 (LongShortTermMemoryLayer 1)
           arrays:  12 (72 elements, 288 bytes)
           inputs:  Input ({n, 2})
           outputs: Output ({n, 3})
           states:  State (3), CellState (3)

In[17]:= LongShortTermMemoryLayer[3, "Input" -> {4, 2}]

Out[17]= LongShortTermMemoryLayer[<{4, 2} -> {4, 3}, State: 3, CellState: 3, uninitialized>]

In[18]:= gru = NetInitialize[GatedRecurrentLayer[2, "Input" -> {4, 3}]]

Out[18]= GatedRecurrentLayer[<{4, 3} -> {4, 2}, State: 2, initialized>]

In[19]:= gru[{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}}]

Out[19]= {{-0.40036, -0.0640398}, {-0.198928, -0.0676458}, {0.13333,

>    -0.559741}, {-0.226235, -0.677083}}

In[20]:= Keys[NetInformation[gru, "ArraysDimensions"]]

Out[20]= {{InputGateBiases}, {InputGateInputWeights},

>    {InputGateStateWeights}, {MemoryGateBiases}, {MemoryGateInputWeights},

>    {MemoryGateStateWeights}, {ResetGateBiases}, {ResetGateInputWeights},

>    {ResetGateStateWeights}}

In[21]:= w[g_, a_] := NetExtract[gru, g <> a]; x1 = {1, 0, 0};

In[22]:= i1 = LogisticSigmoid[w["InputGate", "InputWeights"] . x1 + w["InputGate", "Biases"]]; m1 = Tanh[w["MemoryGate", "InputWeights"] . x1 + w["MemoryGate", "Biases"]];

In[23]:= Max[Abs[(1 - i1) m1 - First[gru[{x1, x1, x1, x1}]]]] < 10^-6

Out[23]= True

In[24]:= rnn = NetInitialize[BasicRecurrentLayer[2, "Input" -> {"Varying", 1}]]

Out[24]= BasicRecurrentLayer[<{n, 1} -> {n, 2}, State: 2, initialized>]

In[25]:= x = {{1.}, {-1.}}; wi = NetExtract[rnn, "InputWeights"]; ws = NetExtract[rnn, "StateWeights"]; b = NetExtract[rnn, "Biases"];

In[26]:= s1 = Tanh[wi . x[[1]] + b]; s2 = Tanh[wi . x[[2]] + ws . s1 + b];

In[27]:= Max[Abs[{s1, s2} - rnn[x]]] < 10^-6

Out[27]= True

In[28]:= BasicRecurrentLayer[2, "InputWeights" -> {{1, 2, 3}, {4, 5, 6}}]

Out[28]= BasicRecurrentLayer[<{n, 3} -> {n, 2}, State: 2, uninitialized>]

In[29]:= LongShortTermMemoryLayer[3, "Dropout" -> 0.3]

Out[29]= LongShortTermMemoryLayer[<{n, ?} -> {n, 3}, State: 3, CellState: 3, uninitialized>]

In[30]:= InputForm[GatedRecurrentLayer[2, "Dropout" -> {"VariationalInput" -> 0.2, "StateUpdate" -> 0.1}]]

Out[30]//InputForm= GatedRecurrentLayer[2, "Dropout" -> {"VariationalInput" -> 0.2, "StateUpdate" -> 0.1}]

In[31]:= drop = NetInitialize[LongShortTermMemoryLayer[2, "Input" -> {3, 1}, "Dropout" -> 0.5]];

In[32]:= drop[{{1}, {2}, {3}}] == drop[{{1}, {2}, {3}}]

Out[32]= True

In[33]:= LongShortTermMemoryLayer[3, "Dropout" -> {"Weights" -> 0.1}]

LongShortTermMemoryLayer::invdrpspc: Specification for "Dropout" should be
    either None, a numeric probability, or a list of rules mapping methods to
    probabilities, where the allowed methods are "VariationalWeights",
    "VariationalInput", "VariationalState" and "StateUpdate".

Out[33]= $Failed

In[34]:= LongShortTermMemoryLayer[3, "Dropout" -> 1.5]

LongShortTermMemoryLayer::invdrppval: Dropout probabilities should be numeric
    values between 0 and 1.

Out[34]= $Failed

In[35]:= LongShortTermMemoryLayer[3, "Input" -> 5]

LongShortTermMemoryLayer::tyfail: The input of LongShortTermMemoryLayer
    should be a sequence of vectors, not a vector of size 5.

Out[35]= $Failed

In[36]:= LongShortTermMemoryLayer[3, "Input" -> {4, 2}, "Output" -> {5, 3}]

LongShortTermMemoryLayer::tyfail: The input of LongShortTermMemoryLayer is a
    sequence of length 4 but its output a sequence of length 5.

Out[36]= $Failed

In[37]:= LongShortTermMemoryLayer[0]

LongShortTermMemoryLayer::invarg: The output size 0 should be a positive
    integer.

Out[37]= $Failed

In[38]:= g = NetInitialize[NetGraph[<|"lstm" -> LongShortTermMemoryLayer[2], "last" -> SequenceLastLayer[]|>, {NetPort["Start"] -> NetPort["lstm", "State"], "lstm" -> "last", NetPort["lstm", "CellState"] -> NetPort["Cell"]}, "Input" -> {"Varying", 2}]]

Out[38]= NetGraph[<2 nodes, 5 edges, Start: 2, Input: {n, 2} -> Cell: 2, Output: 2, initialized>]

In[39]:= g[<|"Input" -> {{1, 2}, {3, 4}}, "Start" -> {0, 0}|>]["Output"] == NetExtract[g, "lstm"][{{1, 2}, {3, 4}}, "State"]

Out[39]= True

In[40]:= NetMapOperator[GatedRecurrentLayer[4], "Input" -> {5, "Varying", 3}]

Out[40]= NetMapOperator[<GatedRecurrentLayer, {5, n, 3} -> {5, n, 4}, uninitialized>]

In[41]:= SeedRandom[7]; data = Table[With[{s = RandomReal[1, {RandomInteger[{3, 8}], 1}]}, s -> Total[s]], 200];

In[42]:= net = NetChain[{LongShortTermMemoryLayer[10], SequenceLastLayer[], LinearLayer[1]}, "Input" -> {"Varying", 1}]

Out[42]= NetChain[<3 layers, {n, 1} -> 1, uninitialized>]

In[43]:= result = NetTrain[net, data, All, MaxTrainingRounds -> 100, TrainingProgressReporting -> None];

In[44]:= losses = result["RoundLossList"]; Last[losses] < First[losses]/10

Out[44]= True

In[45]:= net0 = NetInitialize[net]; frozen = NetTrain[net0, data, MaxTrainingRounds -> 2, LearningRateMultipliers -> {{1, "InputGateInputWeights"} -> 0}, TrainingProgressReporting -> None];

In[46]:= {NetExtract[frozen, {1, "InputGateInputWeights"}] == NetExtract[net0, {1, "InputGateInputWeights"}], NetExtract[frozen, {1, "InputGateStateWeights"}] == NetExtract[net0, {1, "InputGateStateWeights"}]}

Out[46]= {True, False}

In[47]:= net = NetChain[{GatedRecurrentLayer[4, "Dropout" -> {"VariationalInput" -> 0.3, "StateUpdate" -> 0.2}], SequenceLastLayer[], LinearLayer[1]}, "Input" -> {3, 2}];

In[48]:= data = Table[RandomReal[1, {3, 2}] -> {1.}, 20];

In[49]:= SeedRandom[5]; a = NetTrain[net, data, MaxTrainingRounds -> 3, TrainingProgressReporting -> None];

In[50]:= SeedRandom[5]; b = NetTrain[net, data, MaxTrainingRounds -> 3, TrainingProgressReporting -> None];

In[51]:= SeedRandom[6]; c = NetTrain[net, data, MaxTrainingRounds -> 3, TrainingProgressReporting -> None];

In[52]:= {NetExtract[a, {1, "InputGateInputWeights"}] == NetExtract[b, {1, "InputGateInputWeights"}], NetExtract[a, {1, "InputGateInputWeights"}] == NetExtract[c, {1, "InputGateInputWeights"}]}

Out[52]= {True, False}
