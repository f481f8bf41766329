In[1]:= PoolingLayer[2]

Out[1]= PoolingLayer[<? -> ?>]

In[2]:= pool = PoolingLayer[2, "Input" -> {1, 4}]

Out[2]= PoolingLayer[<{1, 4} -> {1, 3}>]

In[3]:= pool[{{1, 3, 2, 4}}]

Out[3]= {{3., 3., 4.}}

In[4]:= PoolingLayer[2, 2, "Input" -> {1, 4}][{{1, 3, 2, 4}}]

Out[4]= {{3., 4.}}

In[5]:= PoolingLayer[2, "Stride" -> 2, "Input" -> {1, 4}][{{1, 3, 2, 4}}]

Out[5]= {{3., 4.}}

In[6]:= PoolingLayer[2, 2, "Function" -> Mean, "Input" -> {1, 4}][{{1, 3, 2, 4}}]

Out[6]= {{2., 3.}}

In[7]:= PoolingLayer[2, 2, "Function" -> Total, "Input" -> {1, 4}][{{1, 3, 2, 4}}]

Out[7]= {{4., 6.}}

In[8]:= img = {{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}}};

In[9]:= PoolingLayer[{2, 2}, "Input" -> {1, 4, 4}]

Out[9]= PoolingLayer[<{1, 4, 4} -> {1, 3, 3}>]

In[10]:= PoolingLayer[{2, 2}, "Input" -> {1, 4, 4}][img]

Out[10]= {{{6., 7., 8.}, {10., 11., 12.}, {14., 15., 16.}}}

In[11]:= PoolingLayer[{2, 2}, 2, "Input" -> {1, 4, 4}][img]

Out[11]= {{{6., 8.}, {14., 16.}}}

In[12]:= PoolingLayer[{2, 2}, 2, "Function" -> Mean][img]

Out[12]= {{{3.5, 5.5}, {11.5, 13.5}}}

In[13]:= PoolingLayer[{3, 3}, 2, PaddingSize -> 1, "Input" -> {1, 4, 4}][-img]

Out[13]= {{{-1., -2.}, {-5., -6.}}}

In[14]:= PoolingLayer[{3, 3}, 2, PaddingSize -> 1, "Function" -> Mean, "Input" -> {1, 4, 4}][img]

Out[14]= {{{1.55556, 3.33333}, {6.33333, 11.}}}

In[15]:= PoolingLayer[{2, 2}, PaddingSize -> "Same", "Input" -> {3, 5, 5}]

Out[15]= PoolingLayer[<{3, 5, 5} -> {3, 5, 5}>]

In[16]:= PoolingLayer[{2, 2}, 2, "Input" -> {16, 6, 6}]

Out[16]= PoolingLayer[<{16, 6, 6} -> {16, 3, 3}>]

In[17]:= PoolingLayer[{2, 3}, {2, 1}, "Input" -> {2, 6, 6}]

Out[17]= PoolingLayer[<{2, 6, 6} -> {2, 3, 4}>]

In[18]:= PoolingLayer[2, 2, Interleaving -> True, "Input" -> {4, 4, 3}]

Out[18]= PoolingLayer[<{4, 4, 3} -> {2, 2, 3}>]

In[19]:= PoolingLayer[{2, 2, 2}, "Input" -> {1, 3, 3, 3}]

Out[19]= PoolingLayer[<{1, 3, 3, 3} -> {1, 2, 2, 2}>]

In[20]:= PoolingLayer[2, 2, "Input" -> {2, 4}][{{{1, 3, 2, 4}, {0, 0, 5, 1}}, {{1, 1, 1, 1}, {2, 2, 2, 2}}}]

Out[20]= {{{3., 4.}, {0., 5.}}, {{1., 1.}, {2., 2.}}}

In[21]:= InputForm[PoolingLayer[{2, 2}, 2, "Function" -> Mean, "Input" -> {1, 4, 4}]]

Out[21]//InputForm= PoolingLayer[{2, 2}, 2, "Function" -> Mean, "Input" -> {1, 4, 4}]

In[22]:= PoolingLayer[2, PaddingSize -> 2, "Input" -> {2, 4, 4}]

PoolingLayer::invarg: The padding size 2 must be smaller than the kernel size
    2.

Out[22]= $Failed

In[23]:= PoolingLayer[5, "Input" -> {1, 4}]

PoolingLayer::tyfail: The kernel size 5 cannot exceed the input size 4 plus
    the padding size 0.

Out[23]= $Failed

In[24]:= PoolingLayer[2, "Function" -> Min]

PoolingLayer::invarg: The pooling function Min should be one of Max, Mean,
    Total.

Out[24]= $Failed

In[25]:= PoolingLayer[]

PoolingLayer::argt: PoolingLayer called with 0 arguments; 1 or 2
     arguments are expected.

Out[25]= PoolingLayer[]

In[26]:= pool[{1, 2, 3, 4}]

PoolingLayer::invinput: The input Input should be a matrix of size 1×4 (or a
    list of them), not an array of dimensions {4}.

Out[26]= $Failed
