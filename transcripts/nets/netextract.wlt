In[1]:= chain = NetChain[<|"l1" -> LinearLayer[2, "Weights" -> {{1, 2}, {3, 4}}, "Biases" -> {0, 1}], "l2" -> Ramp|>]

Out[1]= NetChain[<2 layers, 2 -> 2, initialized>]

In[2]:= NetExtract[chain, "l1"]

Out[2]= LinearLayer[<2 -> 2, initialized>]

In[3]:= NetExtract[chain, {"l1", "Weights"}]

Out[3]= {{1., 2.}, {3., 4.}}

In[4]:= NetExtract[chain, {{"l1", "Weights"}, {"l1", "Biases"}}]

Out[4]= {{{1., 2.}, {3., 4.}}, {0., 1.}}

In[5]:= chain[["l1", "Biases"]]

Out[5]= {0., 1.}

In[6]:= NetExtract[chain, All]

Out[6]= <|l1 -> LinearLayer[<2 -> 2, initialized>], l2 ->

>    ElementwiseLayer[<2 -> 2>]|>

In[7]:= NetExtract[chain, "Input"]

Out[7]= 2

In[8]:= NetExtract[{"l1", "Weights"}][chain]

Out[8]= {{1., 2.}, {3., 4.}}

In[9]:= NetReplacePart[chain, {"l1", "Biases"} -> {5, 5}][["l1", "Biases"]]

Out[9]= {5., 5.}

In[10]:= chain[["l3"]]

NetExtract::netnopart: {"l3"} is not a part of the net.

Out[10]= NetChain[<2 layers, 2 -> 2, initialized>][[l3]]
