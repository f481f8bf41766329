In[1]:= fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None];

In[2]:= core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>, {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}];

In[3]:= fold = NetInitialize[NetFoldOperator[core, "Input" -> {"Varying", 2}]];

In[4]:= NetInformation[fold, "Arrays"]

Out[4]= <|{Net, l2, Biases} -> {0., 0.}, {Net, l2, Weights} -> {{1.16767,

>    -0.293459}, {1.03674, -0.583732}}, {Net, l3, Weights} -> {{1., 0.5},

>    {0., 1.}}|>

In[5]:= NetInformation[fold, "ArraysDimensions"]

Out[5]= <|{Net, l2, Biases} -> {2}, {Net, l2, Weights} -> {2, 2}, {Net, l3,

>    Weights} -> {2, 2}|>

In[6]:= NetInformation[fold, "ArraysTotalElementCount"]

Out[6]= 10

In[7]:= NetInformation[fold, "LayerTypeCounts"]

Out[7]= <|TotalLayer -> 1, LinearLayer -> 2|>

In[8]:= Information[fold, "InputPorts"]

Out[8]= <|Input -> {Varying, 2}|>

In[9]:= NetInformation[fold]

Out[9]= NetFoldOperator (initialized)
          layers:  3 (TotalLayer 1, LinearLayer 2)
          arrays:  3 (10 elements, 40 bytes)
          inputs:  Input ({n, 2})
          outputs: Output ({n, 2})
          states:  State (2)

In[10]:= NetInformation[fold, "Foo"]

NetInformation::notprop: Foo is not a known property of nets;
    NetInformation[net, "Properties"] lists them.

Out[10]= $Failed
