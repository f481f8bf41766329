In[1]:= ConvolutionLayer[2, {4}]

Out[1]= ConvolutionLayer[<{?, ?} -> {2, ?}, uninitialized>]

In[2]:= conv = ConvolutionLayer[2, {4}, "Input" -> {1, 5}, "Weights" -> {{{1, 0, 0, 1}}, {{1, 1, 1, 1}}}, "Biases" -> {0, 1}]

Out[2]= ConvolutionLayer[<{1, 5} -> {2, 2}, initialized>]

In[3]:= conv[{{1, 2, 3, 4, 5}}]

Out[3]= {{5., 7.}, {11., 15.}}

In[4]:= conv[{{{1, 2, 3, 4, 5}}, {{0, 0, 1, 0, 0}}}]

Out[4]= {{{5., 7.}, {11., 15.}}, {{0., 0.}, {2., 2.}}}

In[5]:= sum = ConvolutionLayer[1, {2, 2}, "Weights" -> {{{{1, 1}, {1, 1}}}}, "Biases" -> None]

Out[5]= ConvolutionLayer[<{1, ?, ?} -> {1, ?, ?}, initialized>]

In[6]:= sum[{{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}}]

Out[6]= {{{12., 16.}, {24., 28.}}}

In[7]:= NetInitialize[ConvolutionLayer[16, {3, 3}, "Input" -> {1, 8, 8}]]

Out[7]= ConvolutionLayer[<{1, 8, 8} -> {16, 6, 6}, initialized>]

In[8]:= NetInformation[ConvolutionLayer[16, {3, 3}, "Input" -> {3, 8, 8}], "ArraysDimensions"]

Out[8]= <|{Biases} -> {16}, {Weights} -> {16, 3, 3, 3}|>

In[9]:= ConvolutionLayer[2, {3, 3}, "Stride" -> 2, "Input" -> {1, 7, 7}]

Out[9]= ConvolutionLayer[<{1, 7, 7} -> {2, 3, 3}, uninitialized>]

In[10]:= ConvolutionLayer[2, 3, PaddingSize -> 1, "Input" -> {1, 7, 7}]

Out[10]= ConvolutionLayer[<{1, 7, 7} -> {2, 7, 7}, uninitialized>]

In[11]:= ConvolutionLayer[2, 3, PaddingSize -> "Same", "Stride" -> 2, "Input" -> {1, 7, 8}]

Out[11]= ConvolutionLayer[<{1, 7, 8} -> {2, 4, 4}, uninitialized>]

In[12]:= ConvolutionLayer[2, 3, PaddingSize -> {{0, 2}, {1, 1}}, "Input" -> {1, 5, 5}]

Out[12]= ConvolutionLayer[<{1, 5, 5} -> {2, 5, 5}, uninitialized>]

In[13]:= ConvolutionLayer[2, {3, 3}, "Dilation" -> 2, "Input" -> {1, 8, 8}]

Out[13]= ConvolutionLayer[<{1, 8, 8} -> {2, 4, 4}, uninitialized>]

In[14]:= NetInformation[ConvolutionLayer[6, {2, 2}, "ChannelGroups" -> 3, "Input" -> {3, 4, 4}], "ArraysDimensions"]

Out[14]= <|{Biases} -> {6}, {Weights} -> {6, 1, 2, 2}|>

In[15]:= ConvolutionLayer[4, {2, 2}, Interleaving -> True, "Input" -> {5, 5, 3}]

Out[15]= ConvolutionLayer[<{5, 5, 3} -> {4, 4, 4}, uninitialized>]

In[16]:= ConvolutionLayer[2, {2, 2, 2}, "Input" -> {1, 4, 4, 4}]

Out[16]= ConvolutionLayer[<{1, 4, 4, 4} -> {2, 3, 3, 3}, uninitialized>]

In[17]:= edge = ConvolutionLayer[1, {1, 2}, "Weights" -> {{{{-1, 1}}}}, "Biases" -> {0}, "Stride" -> {1, 2}, "Input" -> {1, 2, 4}];

In[18]:= edge[{{{1, 3, 2, 2}, {0, 5, 5, 1}}}]

Out[18]= {{{2., 0.}, {5., -4.}}}

In[19]:= InputForm[ConvolutionLayer[8, 3, "Stride" -> 2, PaddingSize -> 1, "Dilation" -> {1, 2}]]

Out[19]//InputForm= ConvolutionLayer[8, 3, "Stride" -> 2, PaddingSize -> 1, "Dilation" -> {1, 2}]

In[20]:= ConvolutionLayer[2, {3, 3}, "Input" -> {1, 2, 2}]

ConvolutionLayer::tyfail: The kernel size 3 cannot exceed the input size 2
    plus the padding size 0.

Out[20]= $Failed

In[21]:= ConvolutionLayer[2, {3, 3}, "Input" -> {8, 8}]

ConvolutionLayer::tyfail: ConvolutionLayer needs an array of rank 3 (channels
    and 2 spatial dimensions), not a matrix of size 8×8.

Out[21]= $Failed

In[22]:= ConvolutionLayer[2, {3, 3}, "Stride" -> {1, 2, 1}]

ConvolutionLayer::invarg: The settings disagree on the number of spatial
    dimensions (KernelSize 2, Stride 3).

Out[22]= $Failed

In[23]:= ConvolutionLayer[6, 2, "ChannelGroups" -> 4, "Input" -> {4, 3, 3}]

ConvolutionLayer::tyfail: The number of output channels, 6, is not divisible
    by the number of channel groups, 4.

Out[23]= $Failed

In[24]:= ConvolutionLayer[-1, 3]

ConvolutionLayer::invarg: The number of output channels -1 should be a
    positive integer.

Out[24]= $Failed

In[25]:= sum[{{1, 2, 3}, {4, 5, 6}}]

ConvolutionLayer::invinput: The input Input should be an array of dimensions
    1×?×? (or a list of them), not an array of dimensions {2, 3}.

Out[25]= $Failed

In[26]:= sum[{{{1, 2}, {3, 4}}}]

Out[26]= {{{10.}}}
