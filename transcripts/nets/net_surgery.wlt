In[1]:= chain = NetChain[{LinearLayer[5], Ramp, LinearLayer[4], Tanh, LinearLayer[3]}, "Input" -> 2]

Out[1]= NetChain[<5 layers, 2 -> 3, uninitialized>]

In[2]:= NetTake[chain, 2]

Out[2]= NetChain[<2 layers, 2 -> 5, uninitialized>]

In[3]:= NetTake[chain, {2, 4}]

Out[3]= NetChain[<3 layers, 5 -> 4, uninitialized>]

In[4]:= NetTake[chain, -2]

Out[4]= NetChain[<2 layers, 4 -> 3, uninitialized>]

In[5]:= Take[chain, {3, 5}]

Out[5]= NetChain[<3 layers, 5 -> 3, uninitialized>]

In[6]:= NetTake[chain, {NetPort[{1, "Output"}], NetPort["Output"]}]

Out[6]= NetChain[<4 layers, 5 -> 3, uninitialized>]

In[7]:= NetDrop[chain, 2]

Out[7]= NetChain[<3 layers, 5 -> 3, uninitialized>]

In[8]:= NetDrop[chain, -1]

Out[8]= NetChain[<4 layers, 2 -> 4, uninitialized>]

In[9]:= NetTake[chain, 0]

NetTake::netempty: NetChain objects must contain at least one layer.

Out[9]= $Failed

In[10]:= NetTake[chain, 9]

NetTake::invchtakespec: Invalid NetTake specification.

Out[10]= $Failed

In[11]:= NetTake[chain, "x"]

NetTake::invchlayername: "x" is not the name of layer.

Out[11]= $Failed

In[12]:= NetAppend[chain, SoftmaxLayer[]]

Out[12]= NetChain[<6 layers, 2 -> 3, uninitialized>]

In[13]:= NetAppend[chain, {Ramp, LinearLayer[2]}]

Out[13]= NetChain[<7 layers, 2 -> 2, uninitialized>]

In[14]:= NetPrepend[chain, ElementwiseLayer[Sin]]

Out[14]= NetChain[<6 layers, 2 -> 3, uninitialized>]

In[15]:= NetAppend[chain, "soft" -> SoftmaxLayer[]]

NetAppend::invnetchpend2: Use Append[chain, layer] to modify a chain composed
    of unnamed layers.

Out[15]= $Failed

In[16]:= NetAppend[LinearLayer[3, "Input" -> 2], Tanh]

Out[16]= NetChain[<2 layers, 2 -> 3, uninitialized>]

In[17]:= NetInsert[chain, ElementwiseLayer[Sin], 2]

Out[17]= NetChain[<6 layers, 2 -> 3, uninitialized>]

In[18]:= NetInsert[chain, Sin, 9]

NetInsert::invnetins4: 9 is not a valid position to insert the given layer.

Out[18]= $Failed

In[19]:= NetDelete[chain, 2]

Out[19]= NetChain[<4 layers, 2 -> 3, uninitialized>]

In[20]:= NetDelete[chain, {2, 4}]

Out[20]= NetChain[<3 layers, 2 -> 3, uninitialized>]

In[21]:= NetDelete[chain, 3]

NetDelete::tyfail: The port Output of node 2 feeding the port Input of node 3
    (ElementwiseLayer): a vector of size 5 does not fit a vector of size 4.

Out[21]= $Failed

In[22]:= NetDelete[chain, 7]

NetDelete::invchdspec: The layer 7 does not exist.

Out[22]= $Failed

In[23]:= named = NetChain[<|"linear" -> LinearLayer[3], "ramp" -> Ramp, "out" -> LinearLayer[2]|>, "Input" -> 2]

Out[23]= NetChain[<3 layers, 2 -> 2, uninitialized>]

In[24]:= NetTake[named, "ramp"]

Out[24]= NetChain[<2 layers, 2 -> 3, uninitialized>]

In[25]:= Keys[NetExtract[NetAppend[named, "tanh" -> Tanh], All]]

Out[25]= {linear, ramp, out, tanh}

In[26]:= NetAppend[named, Tanh]

NetAppend::invnetchpend1: Use Append[chain, "name" -> layer] to modify a
    chain composed of named layers.

Out[26]= $Failed

In[27]:= Keys[NetExtract[NetInsert[named, "sin" -> Sin, "ramp"], All]]

Out[27]= {linear, sin, ramp, out}

In[28]:= Keys[NetExtract[NetRename[named, "linear" -> "first"], All]]

Out[28]= {first, ramp, out}

In[29]:= Keys[NetExtract[NetRename[named, {"linear" -> "a", "out" -> "b"}], All]]

Out[29]= {a, ramp, b}

In[30]:= Keys[NetExtract[NetRename[named, ToUpperCase], All]]

Out[30]= {LINEAR, RAMP, OUT}

In[31]:= NetRename[named, "ramp" -> "out"]

NetRename::dupnames: Renaming should give every layer a name of its own, not
    {"linear", "out", "out"}.

Out[31]= $Failed

In[32]:= graph = NetGraph[<|"square" -> ElementwiseLayer[#^2 &], "triple" -> ElementwiseLayer[3 # &]|>, {NetPort["Input"] -> "square" -> NetPort["A"], NetPort["Input"] -> "triple" -> NetPort["B"]}, "Input" -> 2]

Out[32]= NetGraph[<2 nodes, 4 edges, 2 -> A: 2, B: 2>]

In[33]:= graph[{1, 2}]

Out[33]= <|A -> {1., 4.}, B -> {3., 6.}|>

In[34]:= NetTake[graph, NetPort["A"]]

Out[34]= NetGraph[<1 node, 2 edges, 2 -> A: 2>]

In[35]:= NetTake[graph, NetPort["A"]][{1, 2}]

Out[35]= {1., 4.}

In[36]:= NetDrop[graph, 1]

NetGraph::notsupp: Drop is not supported by NetGraph.

Out[36]= $Failed

In[37]:= NetDelete[graph, NetPort["B"]]

Out[37]= NetGraph[<2 nodes, 3 edges, 2 -> A: 2>]

In[38]:= NetDelete[graph, NetPort["B"]][{1, 2}]

Out[38]= {1., 4.}

In[39]:= NetDelete[graph, "triple"][{1, 2}]

Out[39]= <|A -> {1., 4.}, B -> {1., 2.}|>

In[40]:= NetRename[graph, NetPort["A"] -> NetPort["Squares"]][{1, 2}]

Out[40]= <|Squares -> {1., 4.}, B -> {3., 6.}|>

In[41]:= NetDelete[graph, NetPort["C"]]

NetDelete::nodelport: "C" is not a port of the graph.

Out[41]= $Failed

In[42]:= NetAppend[graph, Tanh]

NetAppend::multiport: Cannot append to a net with 2 output ports; it must
    have exactly one.

Out[42]= $Failed

In[43]:= nested = NetChain[{NetChain[{LinearLayer[3], Ramp}], NetChain[{LinearLayer[2], Tanh}]}, "Input" -> 4]

Out[43]= NetChain[<2 layers, 4 -> 2, uninitialized>]

In[44]:= NetFlatten[nested]

Out[44]= NetChain[<4 layers, 4 -> 2, uninitialized>]

In[45]:= NetFlatten[NetChain[<|"enc" -> NetChain[<|"l" -> LinearLayer[3], "r" -> Ramp|>], "out" -> LinearLayer[2]|>, "Input" -> 4]]

Out[45]= NetChain[<3 layers, 4 -> 2, uninitialized>]

In[46]:= Keys[NetExtract[%, All]]

Out[46]= {enc/l, enc/r, out}

In[47]:= NetFlatten[NetGraph[{LinearLayer[3], Ramp}, {1 -> 2}, "Input" -> 2]]

Out[47]= NetChain[<2 layers, 2 -> 3, uninitialized>]

In[48]:= deep = NetChain[{NetChain[{NetChain[{LinearLayer[3], Ramp}], Tanh}], LinearLayer[2]}, "Input" -> 2]

Out[48]= NetChain[<2 layers, 2 -> 2, uninitialized>]

In[49]:= NetExtract[NetFlatten[deep, 1], All]

Out[49]= {NetChain[<2 layers, 2 -> 3, uninitialized>],

>    ElementwiseLayer[<3 -> 3>], LinearLayer[<3 -> 2, uninitialized>]}

In[50]:= NetFlatten[deep, -1]

NetFlatten::flev: The level argument -1 in position 2 should be a
    non-negative integer or Infinity giving the levels to flatten through.

Out[50]= $Failed

In[51]:= relu = NetChain[{LinearLayer[3], Ramp, LinearLayer[3], Ramp}, "Input" -> 2]

Out[51]= NetChain[<4 layers, 2 -> 3, uninitialized>]

In[52]:= InputForm[NetReplace[relu, ElementwiseLayer[Ramp] -> ElementwiseLayer[Tanh]]]

Out[52]//InputForm= NetChain[{LinearLayer[3, "Input" -> 2], ElementwiseLayer[Tanh, "Input" -> 3], LinearLayer[3, "Input" -> 3], ElementwiseLayer[Tanh, "Input" -> 3]}]

In[53]:= NetReplace[relu, _ElementwiseLayer -> Nothing]

Out[53]= NetChain[<2 layers, 2 -> 3, uninitialized>]

In[54]:= NetReplace[relu, _LinearLayer -> NetChain[{LinearLayer[3], ElementwiseLayer[Sin]}]]

Out[54]= NetChain[<6 layers, 2 -> 3, uninitialized>]

In[55]:= NetReplace[relu, _SoftmaxLayer -> Tanh]

NetReplace::norep: No pattern matches occurred and hence no replacements were performed.

Out[55]= NetChain[<4 layers, 2 -> 3, uninitialized>]

In[56]:= NetReplace[relu, _ElementwiseLayer -> LinearLayer[5]]

NetReplace::invnetrep: Replacement of the net failed: the port Output of node
    2 feeding the port Input of node 3 (LinearLayer): a vector of size 5 does
    not fit a vector of size 3.

Out[56]= $Failed

In[57]:= coded = NetChain[{LinearLayer[4], Ramp, LinearLayer[2], SoftmaxLayer[]}, "Input" -> NetEncoder[{"Class", {"a", "b", "c"}, "UnitVector"}], "Output" -> NetDecoder[{"Class", {"x", "y"}}]]

Out[57]= NetChain[<4 layers, class -> class, uninitialized>]

In[58]:= NetDrop[coded, -1]

Out[58]= NetChain[<3 layers, class -> 2, uninitialized>]

In[59]:= NetPrepend[coded, LinearLayer[3]]

Out[59]= NetChain[<5 layers, ? -> class, uninitialized>]

In[60]:= NetTake[coded, {1, 4}]

Out[60]= NetChain[<4 layers, class -> class, uninitialized>]

In[61]:= NetTake[coded, 3, "Output" -> NetDecoder[{"Class", {"p", "q"}}]]

Out[61]= NetChain[<3 layers, class -> class, uninitialized>]

In[62]:= NetRename[coded, NetPort["Output"] -> NetPort["Label"]]

Out[62]= NetGraph[<4 nodes, 5 edges, class -> Label: class, uninitialized>]
