In[1]:= encoder = NetEncoder[{"Class", {"cat", "dog"}}]

Out[1]= NetEncoder[{"Class", …}]

In[2]:= encoder["dog"]

Out[2]= 2

In[3]:= encoder[{"dog", "cat", "dog"}]

Out[3]= {2, 1, 2}

In[4]:= NetEncoder[{"Class", {"cat", "dog", "bird"}, "IndicatorVector"}][{"bird", "cat"}]

Out[4]= {{0, 0, 1}, {1, 0, 0}}

In[5]:= matrices = NetEncoder[{"Class", {"a", "b", "c"}, "Dimensions" -> {2, 2}}]

Out[5]= NetEncoder[{"Class", …}]

In[6]:= matrices[{{"a", "b"}, {"c", "a"}}]

Out[6]= {{1, 2}, {3, 1}}

In[7]:= encoder[["Labels"]]

Out[7]= {cat, dog}

In[8]:= NetExtract[encoder, "OutputForm"]

Out[8]= Index

In[9]:= Normal[encoder]

Out[9]= <|Labels -> {cat, dog}, OutputForm -> Index, Dimensions -> {}|>

In[10]:= InputForm[encoder]

Out[10]//InputForm= NetEncoder[{"Class", {"cat", "dog"}}]

In[11]:= NetEncoder["Boolean"][{True, False, True}]

Out[11]= {1, 0, 1}

In[12]:= NetEncoder["Scalar"][{1.5, 2}]

Out[12]= {{1.5}, {2.}}

In[13]:= chars = NetEncoder[{"Characters", "abcd"}]

Out[13]= NetEncoder[{"Characters", …}]

In[14]:= chars["badcab"]

Out[14]= {2, 1, 4, 3, 1, 2}

In[15]:= NetEncoder[{"Characters", "ab", "UnitVector"}]["ba"]

Out[15]= {{0, 1}, {1, 0}}

In[16]:= Length[NetEncoder["Characters"][["Encoding"]]]

Out[16]= 97

In[17]:= tokens = NetEncoder[{"Tokens", {"the", "cat", "sat", "."}}]

Out[17]= NetEncoder[{"Tokens", …}]

In[18]:= tokens["The cat sat on the mat."]

Out[18]= {1, 2, 3, 5, 1, 5, 4}

In[19]:= net = NetChain[{LinearLayer[2, "Weights" -> {{1, 0}, {0, 1}}, "Biases" -> {0, 0}]}, "Input" -> NetEncoder[{"Class", {"cat", "dog"}, "UnitVector"}]]

Out[19]= NetChain[<1 layer, class -> 2, initialized>]

In[20]:= net[{"dog", "cat"}]

Out[20]= {{0., 1.}, {1., 0.}}

In[21]:= NetExtract[net, "Input"]

Out[21]= NetEncoder[{"Class", …}]

In[22]:= Information[net, "InputPorts"]

Out[22]= <|Input -> NetEncoder[{"Class", …}]|>

In[23]:= encoder["cow"]

NetEncoder::invencin: The input cannot be encoded: cow is not among the
    classes {cat, dog}.

Out[23]= $Failed

In[24]:= net["cow"]

NetChain::invindata3: The data for the port Input could not be encoded: cow
    is not among the classes {cat, dog}.

Out[24]= $Failed

In[25]:= NetEncoder["Boolean"][2]

NetEncoder::invencin: The input cannot be encoded: 2 is neither True nor
    False.

Out[25]= $Failed

In[26]:= NetEncoder[{"Class", {"cat", "cat"}}]

NetEncoder::invcdrarg: The labels should be distinct.

Out[26]= $Failed

In[27]:= NetEncoder["Sound"]

NetEncoder::badtype: Sound is not a valid NetEncoder type; wlnet has Boolean,
    Characters, Class, Scalar, Tokens.

Out[27]= $Failed

In[28]:= NetDecoder[encoder]

Out[28]= NetDecoder[{"Class", …}]
