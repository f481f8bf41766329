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
