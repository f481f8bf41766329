In[1]:= chain = NetChain[{5, Ramp, 3, Tanh}, "Input" -> 2]

Out[1]= NetChain[<4 layers, 2 -> 3, uninitialized>]

In[2]:= chain = NetInitialize[chain]

Out[2]= NetChain[<4 layers, 2 -> 3, initialized>]

In[3]:= chain[{1, 2}]

Out[3]= {-0.0633538, 0.170246, -0.440622}

In[4]:= chain[[1]]

Out[4]= LinearLayer[<2 -> 5, initialized>]

In[5]:= NetChain[<|"hidden" -> LinearLayer[3], "act" -> LogisticSigmoid|>, "Input" -> 2]

Out[5]= NetChain[<2 layers, 2 -> 3, uninitialized>]

In[6]:= Normal[NetChain[{2, Ramp}]]

Out[6]= {LinearLayer[<? -> 2, uninitialized>], ElementwiseLayer[<2 -> 2>]}

In[7]:= NetChain[{LinearLayer[3, "Input" -> 2], LinearLayer[2, "Input" -> 4]}]

NetChain::tyfail: The port Output of node 1 feeding the port Input of node 2
    (LinearLayer): a vector of size 3 does not fit a vector of size 4.

Out[7]= $Failed

In[8]:= NetChain[{2, Ramp}, "Input" -> 3][{1, 2, 3}]

NetChain::notinit: The net cannot be evaluated before its arrays are
    initialised (1/Biases, 1/Weights missing); use NetInitialize.

Out[8]= $Failed
