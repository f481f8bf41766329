In[1]:= DeconvolutionLayer[2, {3, 3}]

Out[1]= DeconvolutionLayer[<{?, ?, ?} -> {2, ?, ?}, uninitialized>]

In[2]:= up = DeconvolutionLayer[1, {2}, "Stride" -> 2, "Weights" -> {{{1, 10}}}, "Biases" -> None, "Input" -> {1, 3}]

Out[2]= DeconvolutionLayer[<{1, 3} -> {1, 6}, initialized>]

In[3]:= up[{{1, 2, 3}}]

Out[3]= {{1., 10., 2., 20., 3., 30.}}

In[4]:= DeconvolutionLayer[1, 3, "Weights" -> {{{1, 1, 1}}}, "Biases" -> {0}, "Input" -> {1, 2}][{{1, 2}}]

Out[4]= {{1., 3., 3., 2.}}

In[5]:= DeconvolutionLayer[8, {4, 4}, "Stride" -> 2, PaddingSize -> 1, "Input" -> {3, 16, 16}]

Out[5]= DeconvolutionLayer[<{3, 16, 16} -> {8, 32, 32}, uninitialized>]

In[6]:= NetInformation[DeconvolutionLayer[6, {2, 2}, "ChannelGroups" -> 2, "Input" -> {4, 5, 5}], "ArraysDimensions"]

Out[6]= <|{Biases} -> {6}, {Weights} -> {4, 3, 2, 2}|>

In[7]:= DeconvolutionLayer[2, 2, Interleaving -> True, "Input" -> {3, 3, 5}]

Out[7]= DeconvolutionLayer[<{3, 3, 5} -> {4, 4, 2}, uninitialized>]

In[8]:= InputForm[DeconvolutionLayer[4, {2, 2}, "Stride" -> 2]]

Out[8]//InputForm= DeconvolutionLayer[4, {2, 2}, "Stride" -> 2]

In[9]:= DeconvolutionLayer[2, 2, PaddingSize -> 2, "Input" -> {1, 1, 1}]

DeconvolutionLayer::tyfail: The padding size 2 leaves no output: its
    dimensions would be {-2, -2}.

Out[9]= $Failed

In[10]:= DeconvolutionLayer[2, 2, "Dilation" -> 2]

DeconvolutionLayer::optx: Unknown option Dilation in DeconvolutionLayer[2, 2,
    Dilation -> 2].

Out[10]= $Failed
