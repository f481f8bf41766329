In[1]:= ramp = ElementwiseLayer[Ramp]

Out[1]= ElementwiseLayer[<? -> ?>]

In[2]:= ramp[{1, 2, 3}, NetPortGradient["Input"]]

Out[2]= {1., 1., 1.}

In[3]:= ramp[{-1, -2, -3}, NetPortGradient["Input"]]

Out[3]= {0., 0., 0.}

In[4]:= linear = LinearLayer[{}, "Weights" -> {{0.5, -1., 2.}}, "Biases" -> {0.25}]

Out[4]= LinearLayer[<3 -> Real, initialized>]

In[5]:= linear[{1, 2, 3}, NetPortGradient["Input"]]

Out[5]= {0.5, -1., 2.}

In[6]:= (linear[{1.001, 2, 3}] - linear[{1, 2, 3}])/0.001

Out[6]= 0.500202

In[7]:= loss = CrossEntropyLossLayer["Binary"]

Out[7]= CrossEntropyLossLayer[<Input: ?, Target: ? -> Loss: Real>]

In[8]:= loss[<|"Input" -> 0.2, "Target" -> 0.5|>]

Out[8]= 0.916291

In[9]:= loss[<|"Input" -> 0.2, "Target" -> 0.5|>, NetPortGradient["Input"]]

Out[9]= -1.875

In[10]:= loss[<|"Input" -> 0.8, "Target" -> 0.5|>, NetPortGradient["Input"]]

Out[10]= 1.875

In[11]:= loss[<|"Input" -> 0.5, "Target" -> 0.5|>, NetPortGradient["Input"]]

Out[11]= 0.

In[12]:= chain = NetChain[{LinearLayer[2, "Weights" -> {{1., -1.}, {0.5, 2.}}, "Biases" -> {0., 1.}], Tanh, LinearLayer[1, "Weights" -> {{1., 1.}}, "Biases" -> {0.}]}]

Out[12]= NetChain[<3 layers, 2 -> 1, initialized>]

In[13]:= chain[{1, 2}]

Out[13]= {0.238372}

In[14]:= chain[{1, 2}, NetPortGradient[{1, "Weights"}]]

Out[14]= {{0.419974, 0.839949}, {0.0000667572, 0.000133514}}

In[15]:= chain[{1, 2}, NetPortGradient[{1, "Biases"}]]

Out[15]= {0.419974, 0.0000667572}

In[16]:= chain[{1, 2}, NetPortGradient["Input"]]

Out[16]= {0.420008, -0.419841}

In[17]:= chain[<|"Input" -> {1, 2}, NetPortGradient["Output"] -> {2}|>, NetPortGradient["Input"]]

Out[17]= {0.840015, -0.839682}

In[18]:= chain[{1, 2}, NetPortGradient[All]]

Out[18]= <|NetPortGradient[Input] -> {0.420008, -0.419841},

>    NetPortGradient[{1, Biases}] -> {0.419974, 0.0000667572},

>    NetPortGradient[{1, Weights}] -> {{0.419974, 0.839949}, {0.0000667572,

>    0.000133514}}, NetPortGradient[{3, Biases}] -> {1.}, NetPortGradient[{3,

>    Weights}] -> {{-0.761594, 0.999967}}|>

In[19]:= chain[{{1, 2}, {0, 0}}, NetPortGradient["Input"]]

Out[19]= {{0.420008, -0.419841}, {1.20999, -0.160051}}

In[20]:= chain[{{1, 2}, {0, 0}}, NetPortGradient[{3, "Biases"}]]

Out[20]= {2.}

In[21]:= chain[{1, 2}, {"Output", NetPortGradient["Input"]}]

Out[21]= <|Output -> {0.238372}, NetPortGradient[Input] -> {0.420008,

>    -0.419841}|>

In[22]:= chain[{1, 2}, NetPortGradient["Weights"]]

NetChain::badportd: NetPortGradient["Weights"] does not correspond to an
    input or weight array of the net.

Out[22]= $Failed

In[23]:= chain[{1, 2}, NetPortGradient[7]]

NetChain::invppspec: NetPortGradient[7] is not a valid property or port
    specification.

Out[23]= $Failed

In[24]:= chain[<|"Input" -> {1, 2}, NetPortGradient["Out"] -> {1}|>, NetPortGradient["Input"]]

NetChain::invoutport: "Out" is not the name of an output port for the net.

Out[24]= $Failed

In[25]:= chain[<|"Input" -> {1, 2}, NetPortGradient["Output"] -> {1, 2}|>, NetPortGradient["Input"]]

NetChain::invinput: The gradient given for the output Output should be a
    vector of size 1, not {1, 2}.

Out[25]= $Failed

In[26]:= CrossEntropyLossLayer["Index", "Input" -> 3][<|"Input" -> {0.2, 0.3, 0.5}, "Target" -> 2|>, NetPortGradient["Target"]]

CrossEntropyLossLayer::nointgrad: Gradient is not available for
    integer-valued "Target".

Out[26]= $Failed

In[27]:= chain[NumericArray[{1, 2}, "Real32"], NetPortGradient["Input"]]

Out[27]= NumericArray[<2>, Real32]

In[28]:= fold = NetFoldOperator[NetGraph[{ThreadingLayer[Times]}, {{NetPort["Input"], NetPort["State"]} -> 1}], "Input" -> {"Varying", 1}]

Out[28]= NetFoldOperator[<NetGraph, {n, 1} -> {n, 1}, State: 1>]

In[29]:= fold[<|"Input" -> {{2}, {3}, {4}}, "State" -> {1}|>]

Out[29]= {{2.}, {6.}, {24.}}

In[30]:= fold[<|"Input" -> {{2}, {3}, {4}}, "State" -> {1}|>, NetPortGradient["State"]]

Out[30]= {32.}
