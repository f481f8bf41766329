In[1]:= graph = NetGraph[{LinearLayer[3, "Input" -> 2], Ramp, Tanh, TotalLayer[]}, {1 -> 2 -> 4, 1 -> 3 -> 4}]

Out[1]= NetGraph[<4 nodes, 6 edges, 2 -> 3, uninitialized>]

In[2]:= graph = NetInitialize[graph]

Out[2]= NetGraph[<4 nodes, 6 edges, 2 -> 3, initialized>]

In[3]:= graph[{1, -1}]

Out[3]= {2.17036, 2.34496, 0.854342}

In[4]:= g2 = NetGraph[<|"a" -> ElementwiseLayer[#^2 &], "b" -> ElementwiseLayer[Sin]|>, {NetPort["Input"] -> "a", NetPort["Input"] -> "b"}, "Input" -> 3]

Out[4]= NetGraph[<2 nodes, 4 edges, 3 -> Output1: 3, Output2: 3>]

In[5]:= g2[{1, 2, 3}]

Out[5]= <|Output1 -> {1., 4., 9.}, Output2 -> {0.841471, 0.909297, 0.14112}|>

In[6]:= g2[{1, 2, 3}, "Output2"]

Out[6]= {0.841471, 0.909297, 0.14112}

In[7]:= NetGraph[{LinearLayer[2], Ramp}, {1 -> 2, 2 -> 1}]

NetGraph::cyclic: The connections form a cycle through the nodes 1, 2.

Out[7]= $Failed

In[8]:= NetGraph[{LinearLayer[2], Ramp}, {1 -> 3}]

NetGraph::invedge: The edge refers to a node 3 that does not exist; the nodes
    are {1, 2}.

Out[8]= $Failed
