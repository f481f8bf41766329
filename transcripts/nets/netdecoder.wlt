In[1]:= decoder = NetDecoder[{"Class", {"cat", "dog", "bird"}}]

Out[1]= NetDecoder[{"Class", …}]

In[2]:= decoder[{0.1, 0.7, 0.2}]

Out[2]= dog

In[3]:= decoder[{{0.1, 0.7, 0.2}, {0.8, 0.1, 0.1}}]

Out[3]= {dog, cat}

In[4]:= decoder[{0.1, 0.7, 0.2}, {"Probability", "bird"}]

Out[4]= 0.2

In[5]:= decoder[{0.1, 0.7, 0.2}, "Probabilities"]

Out[5]= <|cat -> 0.1, dog -> 0.7, bird -> 0.2|>

In[6]:= decoder[{0.05, 0.9, 0.05}, "TopProbabilities"]

Out[6]= {dog -> 0.9}

In[7]:= decoder[{0.1, 0.7, 0.2}, {"TopProbabilities", 2}]

Out[7]= {dog -> 0.7, bird -> 0.2}

In[8]:= decoder[{0.1, 0.7, 0.2}, {"TopDecisions", 2}]

Out[8]= {dog, bird}

In[9]:= decoder[{0.1, 0.7, 0.2}, "Entropy"]

Out[9]= 0.801819

In[10]:= decoder[{0.1, 0.7, 0.2}, "Properties"]

Out[10]= {Decision, TopProbabilities, {TopDecisions, n}, {TopProbabilities,

>    n}, Probabilities, {Probabilities, class}, RandomSample, Entropy}

In[11]:= decoder[{0.1, 0.7, 0.2}, None]

Out[11]= {0.1, 0.7, 0.2}

In[12]:= NetDecoder["Class"][{0.3, 0.2, 0.5}]

Out[12]= 3

In[13]:= NetDecoder[{"Class", {"a", "b"}, "InputDepth" -> 2}][{{0.9, 0.1}, {0.4, 0.6}, {0.5, 0.5}}]

Out[13]= {a, b, b}

In[14]:= boolean = NetDecoder["Boolean"]

Out[14]= NetDecoder["Boolean"]

In[15]:= boolean[0.7]

Out[15]= True

In[16]:= boolean[{0.2, 0.5, 0.9}]

Out[16]= {False, True, True}

In[17]:= boolean[0.7, "Probability"]

Out[17]= 0.7

In[18]:= boolean[0.5, "Entropy"]

Out[18]= 0.693147

In[19]:= NetDecoder["Scalar"][{2.5}]

Out[19]= 2.5

In[20]:= net = NetChain[{LinearLayer[3, "Weights" -> {{2, 0}, {0, 2}, {1, 1}}, "Biases" -> {0, 0, 0}], SoftmaxLayer[]}, "Input" -> 2, "Output" -> NetDecoder[{"Class", {"cat", "dog", "bird"}}]]

Out[20]= NetChain[<2 layers, 2 -> class, initialized>]

In[21]:= net[{1, 0}]

Out[21]= cat

In[22]:= net[{{1, 0}, {0, 1}, {1, 1}}]

Out[22]= {cat, dog, bird}

In[23]:= net[{0, 1}, "Probabilities"]

Out[23]= <|cat -> 0.0900306, dog -> 0.665241, bird -> 0.244728|>

In[24]:= net[{{1, 0}, {0, 1}}, {"TopDecisions", 2}]

Out[24]= {{cat, bird}, {dog, bird}}

In[25]:= net[{1, 1}, "Output" -> "TopProbabilities"]

Out[25]= {bird -> 0.333333, dog -> 0.333333, cat -> 0.333333}

In[26]:= net[{1, 1}, None]

Out[26]= {0.333333, 0.333333, 0.333333}

In[27]:= NetExtract[net, "Output"][["Labels"]]

Out[27]= {cat, dog, bird}

In[28]:= InputForm[net]

Out[28]//InputForm= NetChain[{LinearLayer[3, "Weights" -> {{2., 0.}, {0., 2.}, {1., 1.}}, "Biases" -> {0., 0., 0.}, "Input" -> 2], SoftmaxLayer["Input" -> 3]}, "Output" -> NetDecoder[{"Class", {"cat", "dog", "bird"}}]]

In[29]:= sig = NetChain[{LinearLayer[{}, "Weights" -> {{1, -1}}, "Biases" -> {0}], LogisticSigmoid}, "Input" -> 2, "Output" -> "Boolean"]

Out[29]= NetChain[<2 layers, 2 -> boolean, initialized>]

In[30]:= sig[{{3, 1}, {0, 2}}]

Out[30]= {True, False}

In[31]:= sig[{3, 1}, "Probability"]

Out[31]= 0.880797

In[32]:= decoder[{0.1, 0.9}]

NetDecoder::invarray: The input to NetDecoder[{"Class", …}] should have
    dimensions {3}, not {2}.

Out[32]= $Failed

In[33]:= decoder[{0.1, 0.7, 0.2}, "Confidence"]

NetDecoder::invprop: Confidence is not a property of NetDecoder[{"Class",
    …}]; its properties are {Decision, TopProbabilities, {TopDecisions, n},
    {TopProbabilities, n}, Probabilities, {Probabilities, class},
    RandomSample, Entropy}.

Out[33]= $Failed

In[34]:= decoder[{0.1, 0.7, 0.2}, {"TopDecisions", 4}]

NetDecoder::invprop: {TopDecisions, 4} is not a property of
    NetDecoder[{"Class", …}]; its properties are {Decision, TopProbabilities,
    {TopDecisions, n}, {TopProbabilities, n}, Probabilities, {Probabilities,
    class}, RandomSample, Entropy}.

Out[34]= $Failed

In[35]:= decoder["cat"]

NetDecoder::notarray: The input to a NetDecoder should be a numeric array.

Out[35]= $Failed

In[36]:= NetChain[{LinearLayer[4], SoftmaxLayer[]}, "Output" -> NetDecoder[{"Class", {"cat", "dog", "bird"}}]]

NetChain::tyfail: The NetDecoder[{"Class", …}] on the port Output takes a
    vector of size 3, but the port is a vector of size 4.

Out[36]= $Failed

In[37]:= NetChain[{LinearLayer[3]}, "Input" -> decoder]

NetChain::invarg: A NetDecoder cannot be attached to the input port Input.

Out[37]= $Failed
