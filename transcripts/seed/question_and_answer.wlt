In[1]:= fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None]

Out[1]= LinearLayer[<2 -> 2, initialized>]

In[2]:= core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>, {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}]

Out[2]= NetGraph[<3 nodes, 5 edges, Input: 2, State: 2 -> 2, uninitialized>]

In[3]:= fold = NetFoldOperator[core, "Input" -> {"Varying", 2}]

Out[3]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, uninitialized>]

In[4]:= io = {{{1, 2}, {3, 4}} -> {{1, 2}, {3, 4}}, {{0.5, 1}, {1, 0}, {0, 1}} -> {{0, 1}, {1, 1}, {1, 2}}};

In[5]:= net = NetTrain[fold, io, LearningRateMultipliers -> {_ -> 0.1, 3 -> 0}]

NetTrain::lrmshadow: The rule 3 -> 0 can never apply: the earlier rule _ ->
    0.1 already gives a rate to every array it matches.

NetTrain::lrmopnet: 3 on the NetFoldOperator selects its whole inner net, not
    one of its layers; to name a layer inside it, use a path such as {"Net",
    "l3"}.

Out[5]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[6]:= net[["Parameters"]]["Net"][["l3"]][["Weights"]]

Out[6]= {{0.928756, 0.420788}, {0.0856693, 1.09666}}

In[7]:= net = NetTrain[fold, io, LearningRateMultipliers -> {3 -> 0, _ -> 0.1}]

NetTrain::lrmopnet: 3 on the NetFoldOperator selects its whole inner net, not
    one of its layers; to name a layer inside it, use a path such as {"Net",
    "l3"}.

NetTrain::lrmshadow: The rule _ -> 0.1 can never apply: the earlier rule 3 ->
    0 already gives a rate to every array it matches.

NetTrain::netfrozen: Every trainable array has a learning-rate multiplier of
    0 or None, so there is nothing to train; the net is returned unchanged.

Out[7]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, uninitialized>]

In[8]:= net = NetTrain[fold, io, LearningRateMultipliers -> {_ -> 0.1, fold[["Parameters"]]["Net"][["l3"]] -> 0}]

NetTrain::lrmshadow: The rule LinearLayer[<2 -> 2, initialized>] -> 0
     can never apply: the earlier rule _ -> 0.1
     already gives a rate to every array it matches.

NetTrain::lrmopnet: LinearLayer[<2 -> 2, initialized>] on the NetFoldOperator
    selects its whole inner net, not one of its layers; to name a layer
    inside it, use a path such as {"Net", "l3"}.

Out[8]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[9]:= net[["Parameters"]]["Net"][["l3"]][["Weights"]]

Out[9]= {{1.0708, 0.574944}, {0.102217, 1.10675}}

In[10]:= net = NetTrain[fold, io, LearningRateMultipliers -> {fold[["Parameters"]]["Net"][["l3"]] -> 0, _ -> 0.1}]

NetTrain::lrmopnet: LinearLayer[<2 -> 2, initialized>] on the NetFoldOperator
    selects its whole inner net, not one of its layers; to name a layer
    inside it, use a path such as {"Net", "l3"}.

NetTrain::lrmshadow: The rule _ -> 0.1 can never apply: the earlier rule
    LinearLayer[<2 -> 2, initialized>] -> 0
     already gives a rate to every array it matches.

NetTrain::netfrozen: Every trainable array has a learning-rate multiplier of
    0 or None, so there is nothing to train; the net is returned unchanged.

Out[10]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, uninitialized>]

In[11]:= fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None]

Out[11]= LinearLayer[<2 -> 2, initialized>]

In[12]:= core = NetInitialize@NetGraph[{LinearLayer[2, "Input" -> 2], fixed}, {NetPort["Input"] -> 1 -> 2}]

Out[12]= NetGraph[<2 nodes, 3 edges, 2 -> 2, initialized>]

In[13]:= io = {{1, 2} -> {1, 2}};

In[14]:= net = NetTrain[core, io, LearningRateMultipliers -> {2 -> 0, _ -> 0.1}]

Out[14]= NetGraph[<2 nodes, 3 edges, 2 -> 2, initialized>]

In[15]:= net[[2]][["Weights"]]

Out[15]= {{1., 0.5}, {0., 1.}}

In[16]:= net[[2]][["Weights"]] === core[[2]][["Weights"]]

Out[16]= True

In[17]:= net = NetTrain[core, io, LearningRateMultipliers -> {_ -> 0.1, 2 -> 0}]

NetTrain::lrmshadow: The rule 2 -> 0 can never apply: the earlier rule _ ->
    0.1 already gives a rate to every array it matches.

Out[17]= NetGraph[<2 nodes, 3 edges, 2 -> 2, initialized>]

In[18]:= net[[2]][["Weights"]]

Out[18]= {{0.957041, 0.446003}, {-0.0229885, 0.976348}}

In[19]:= io = {{{1, 2}, {3, 4}} -> {{1, 2}, {3, 4}}, {{0.5, 1}, {1, 0}, {0, 1}} -> {{0, 1}, {1, 1}, {1, 2}}};

In[20]:= fold = NetInitialize[fold];

In[21]:= NetInformation[fold, "Arrays"]

Out[21]= <|{Net, l2, Biases} -> {0., 0.}, {Net, l2, Weights} -> {{-0.965266,

>    -0.820259}, {-1.09666, 1.00221}}, {Net, l3, Weights} -> {{1., 0.5}, {0.,

>    1.}}|>

In[22]:= net = NetTrain[fold, io, LearningRateMultipliers -> {{"Net", "l3"} -> 0, _ -> 1}]

Out[22]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[23]:= NetInformation[net, "Arrays"]

Out[23]= <|{Net, l2, Biases} -> {0.594793, 0.377748}, {Net, l2, Weights} ->

>    {{0.0791776, -0.138064}, {-0.531385, 1.0753}}, {Net, l3, Weights} ->

>    {{1., 0.5}, {0., 1.}}|>

In[24]:= net = NetTrain[fold, io, LearningRateMultipliers -> {{"Net", "l3", "Weights"} -> 0, _ -> 1}]

Out[24]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[25]:= NetInformation[net, "Arrays"]

Out[25]= <|{Net, l2, Biases} -> {0.594793, 0.377748}, {Net, l2, Weights} ->

>    {{0.0791776, -0.138064}, {-0.531385, 1.0753}}, {Net, l3, Weights} ->

>    {{1., 0.5}, {0., 1.}}|>

In[26]:= NetInformation[net, "Arrays"][{"Net", "l3", "Weights"}] === NetInformation[fold, "Arrays"][{"Net", "l3", "Weights"}]

Out[26]= True
