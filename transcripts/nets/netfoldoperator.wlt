In[1]:= fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None];

In[2]:= core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>, {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}]

Out[2]= NetGraph[<3 nodes, 5 edges, Input: 2, State: 2 -> 2, uninitialized>]

In[3]:= fold = NetFoldOperator[core, "Input" -> {"Varying", 2}]

Out[3]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, uninitialized>]

In[4]:= fold = NetInitialize[fold]

Out[4]= NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, initialized>]

In[5]:= fold[{{1, 2}, {3, 4}, {5, 6}}]

Out[5]= {{0.515389, -0.130727}, {3.6623, 1.38592}, {10.2818, 4.66914}}

In[6]:= fold[<|"Input" -> {{1, 2}, {3, 4}}, "State" -> {1, 1}|>]

Out[6]= {{1.6161, 0.322279}, {5.253, 2.26263}}

In[7]:= fold[{{1, 2}, {3, 4}}, "State"]

Out[7]= {3.6623, 1.38592}

In[8]:= fold[{{{1, 2}}, {{1, 2}, {3, 4}}}]

Out[8]= {{{0.515389, -0.130727}}, {{0.515389, -0.130727}, {3.6623, 1.38592}}}

In[9]:= fold[["Parameters"]]["Net"][["l3"]][["Weights"]]

Out[9]= {{1., 0.5}, {0., 1.}}

In[10]:= NetFoldOperator[LinearLayer[2]]

NetFoldOperator::invnet: The folded net should have an input "State" and an
    output "Output".

Out[10]= $Failed
