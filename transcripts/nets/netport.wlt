In[1]:= SeedRandom[1]; net = NetInitialize@NetChain[{LinearLayer[3], Ramp, LinearLayer[2]}, "Input" -> 2]

Out[1]= NetChain[<3 layers, 2 -> 2, initialized>]

In[2]:= x = {1., 2.};

In[3]:= net[x, NetPort[{1, "Output"}]]

Out[3]= {2.82805, 1.67765, -1.05815}

In[4]:= net[x, NetPort[1]] == NetTake[net, 1][x]

Out[4]= True

In[5]:= net[x, {NetPort[1], NetPort[2]}]

Out[5]= <|NetPort[1] -> {2.82805, 1.67765, -1.05815}, NetPort[2] -> {2.82805,

>    1.67765, 0.}|>

In[6]:= net[x, NetPort[All]]

Out[6]= <|NetPort[{1, Output}] -> {2.82805, 1.67765, -1.05815}, NetPort[{2,

>    Output}] -> {2.82805, 1.67765, 0.}, NetPort[{3, Output}] -> {1.69669,

>    -1.99542}|>

In[7]:= net[x, NetPort[{1, "Input"}]]

NetChain::invportspec: "Input" is an input of the layer 1: only outputs have
    values to give.

Out[7]= $Failed

In[8]:= SeedRandom[2]; g = NetInitialize@NetGraph[<|"a" -> LinearLayer[2], "b" -> NetChain[{LinearLayer[2], Tanh}], "c" -> TotalLayer[]|>, {NetPort["Input"] -> "a" -> "b", {"b", "a"} -> "c"}, "Input" -> 2]

Out[8]= NetGraph[<3 nodes, 5 edges, 2 -> 2, initialized>]

In[9]:= g[x, NetPort[{"b", 2, "Output"}]]

Out[9]= {-0.790805, 0.987658}

In[10]:= SeedRandom[3]; r = NetInitialize@NetChain[{LongShortTermMemoryLayer[2], SequenceLastLayer[]}, "Input" -> {4, 3}];

In[11]:= r[RandomReal[1, {4, 3}], NetPort[All, "States"]]

Out[11]= <|{1, State} -> {-0.105214, 0.227827}, {1, CellState} -> {-0.236504,

>    0.569872}|>
