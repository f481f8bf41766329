In[1]:= net = NetChain[{3, Tanh}, "Input" -> 2]

Out[1]= NetChain[<2 layers, 2 -> 3, uninitialized>]

In[2]:= SeedRandom[1]; a = NetInitialize[net];

In[3]:= SeedRandom[1]; b = NetInitialize[net];

In[4]:= a[[1, "Weights"]] == b[[1, "Weights"]]

Out[4]= True

In[5]:= NetInitialize[net, Method -> "Xavier", RandomSeeding -> 42][[1, "Biases"]]

Out[5]= {0., 0., 0.}

In[6]:= net[[1, "Weights"]]

Out[6]= Automatic

In[7]:= fixed = LinearLayer[2, "Weights" -> {{1, 0}, {0, 1}}, "Input" -> 2];

In[8]:= NetInitialize[fixed][["Weights"]]

Out[8]= {{1., 0.}, {0., 1.}}

In[9]:= NetInitialize[LinearLayer[2]]

NetInitialize::nninit: The net cannot be initialised while the dimensions of
    Weights are not known; give the input dimensions.

Out[9]= $Failed

In[10]:= SeedRandom[1]; w = NetExtract[NetInitialize[LinearLayer[200, "Input" -> 300]], "Weights"];

In[11]:= Max[Abs[w]] <= Sqrt[3] Sqrt[2/500.]

Out[11]= True

In[12]:= SeedRandom[1]; w = NetExtract[NetInitialize[NetChain[{LinearLayer[200, "Input" -> 300], Ramp}]], {1, "Weights"}];

In[13]:= {Max[Abs[w]] > Sqrt[3] Sqrt[2/500.], Max[Abs[w]] <= Sqrt[3] Sqrt[4/500.]}

Out[13]= {True, True}

In[14]:= w = NetExtract[NetInitialize[LinearLayer[3, "Input" -> 3], Method -> "Orthogonal"], "Weights"];

In[15]:= Round[w . Transpose[w], 0.001]

Out[15]= {{1., 0., 0.}, {0., 1., 0.}, {0., 0., 1.}}

In[16]:= NetExtract[NetInitialize[LinearLayer[2, "Input" -> 3], Method -> {"Identity", "Distribution" -> 0}], "Weights"]

Out[16]= {{1., 0., 0.}, {0., 1., 0.}}

In[17]:= NetExtract[NetInitialize[LinearLayer[2, "Input" -> 3], Method -> {"Random", "Weights" -> 0, "Biases" -> UniformDistribution[{1, 1}]}], "Biases"]

Out[17]= {1., 1.}

In[18]:= SeedRandom[1]; w = NetExtract[NetInitialize[LinearLayer[200, "Input" -> 300], Method -> {"Xavier", "FactorType" -> "In", "Distribution" -> "Normal"}], "Weights"];

In[19]:= Round[StandardDeviation[Flatten[w]], 0.01]

Out[19]= 0.08

In[20]:= SeedRandom[1]; w = NetExtract[NetInitialize[LinearLayer[200, "Input" -> 300], Method -> "Kaiming"], "Weights"];

In[21]:= Round[StandardDeviation[Flatten[w]] Sqrt[300], 0.1]

Out[21]= 1.

In[22]:= NetInitialize[LinearLayer[2, "Input" -> 3], Method -> "Foo"]

NetInitialize::optspec: Method -> "Foo" should be one of "Xavier", "Kaiming",
    "Orthogonal", "Identity", "Random", or a list of one and its sub-options.

Out[22]= $Failed

In[23]:= NetInitialize[LinearLayer[2, "Input" -> 3], Method -> {"Xavier", "FactorType" -> "Bar"}]

NetInitialize::optspec: The sub-option "FactorType" should be one of "In",
    "Out", "Mean", not "Bar".

Out[23]= $Failed

In[24]:= NetInitialize[LinearLayer[2, "Input" -> 3], Method -> {"Kaiming", "Weights" -> 1}]

NetInitialize::optspec: "Weights" -> 1 is not a sub-option of the method
    Kaiming; it has "Distribution".

Out[24]= $Failed

In[25]:= NetInitialize[ConstantArrayLayer["Output" -> {2, 2}], Method -> {"Identity", "Distribution" -> 0}][]

Out[25]= {{1., 0.}, {0., 1.}}
