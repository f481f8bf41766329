In[1]:= EmbeddingLayer[4, 3]

Out[1]= EmbeddingLayer[<? -> ?, uninitialized>]

In[2]:= emb = EmbeddingLayer[2, 3, "Weights" -> {{1, 2}, {3, 4}, {5, 6}}]

Out[2]= EmbeddingLayer[<? -> ?, initialized>]

In[3]:= emb[2]

Out[3]= {3., 4.}

In[4]:= emb[{1, 3, 3}]

Out[4]= {{1., 2.}, {5., 6.}, {5., 6.}}

In[5]:= emb[{{1, 2}, {3, 1}}]

Out[5]= {{{1., 2.}, {3., 4.}}, {{5., 6.}, {1., 2.}}}

In[6]:= emb[4]

EmbeddingLayer::invinput: The input should hold integers from 1 to 3, not 4.

Out[6]= $Failed

In[7]:= emb[1.5]

EmbeddingLayer::invinput: The input should hold integers from 1 to 3, not 1.5.

Out[7]= $Failed

In[8]:= EmbeddingLayer["Weights" -> {{1, 2}, {3, 4}, {5, 6}}]

Out[8]= EmbeddingLayer[<? -> ?, initialized>]

In[9]:= EmbeddingLayer[3, "Weights" -> {{1, 2}, {3, 4}, {5, 6}}]

EmbeddingLayer::tyfail: The embedding size is 3 but there are 2 columns of
    the Weights.

Out[9]= $Failed

In[10]:= InputForm[emb]

Out[10]//InputForm= EmbeddingLayer[2, 3, "Weights" -> {{1., 2.}, {3., 4.}, {5., 6.}}]

In[11]:= SeedRandom[1]; e = NetInitialize[EmbeddingLayer[2, 10, "Input" -> "Varying"]]

Out[11]= EmbeddingLayer[<{n} -> {n, 2}, initialized>]

In[12]:= Dimensions[e[{1, 2, 3}]]

Out[12]= {3, 2}

In[13]:= Dimensions /@ e[{{1, 2}, {3, 4, 5}}]

Out[13]= {{2, 2}, {3, 2}}

In[14]:= NetChain[{EmbeddingLayer[3, 10], SequenceLastLayer[]}, "Input" -> "Varying"]

Out[14]= NetChain[<2 layers, {n} -> 3, uninitialized>]

In[15]:= SequenceMostLayer[][{1, 2, 3, 4}]

Out[15]= {1., 2., 3.}

In[16]:= SequenceMostLayer["Input" -> {3, 5}]

Out[16]= SequenceMostLayer[<{3, 5} -> {2, 5}>]

In[17]:= SequenceMostLayer["Input" -> "Varying"]

Out[17]= SequenceMostLayer[<{n} -> {n}>]

In[18]:= SequenceMostLayer["Input" -> 1]

SequenceMostLayer::tyfail: SequenceMostLayer needs a sequence of at least 2
    elements, not 1.

Out[18]= $Failed

In[19]:= SequenceRestLayer[][{{1, 2}, {3, 4}, {5, 6}}]

Out[19]= {{3., 4.}, {5., 6.}}

In[20]:= SequenceRestLayer["Input" -> {"Varying", 2}][{{{1, 2}}, {{1, 2}, {3, 4}}}]

Out[20]= {{}, {{3., 4.}}}

In[21]:= SequenceReverseLayer[][{1, 2, 3}]

Out[21]= {3., 2., 1.}

In[22]:= SequenceReverseLayer["Input" -> {"Varying", 2}][{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}, {9, 10}}}]

Out[22]= {{{3., 4.}, {1., 2.}}, {{9., 10.}, {7., 8.}, {5., 6.}}}

In[23]:= SequenceReverseLayer["Input" -> "Real"]

SequenceReverseLayer::tyfail: SequenceReverseLayer needs a sequence, not a
    real number.

Out[23]= $Failed

In[24]:= AggregationLayer[Max]

Out[24]= AggregationLayer[<? -> ?>]

In[25]:= AggregationLayer[Total, 2][{{1, 2, 3}, {4, 5, 6}}]

Out[25]= {6., 15.}

In[26]:= AggregationLayer[Max, All][{{1, 2, 3}, {4, 5, 6}}]

Out[26]= 6.

In[27]:= AggregationLayer[Mean][{{1, 2, 3}, {4, 5, 6}}]

Out[27]= {2., 5.}

In[28]:= AggregationLayer[Min, 1][{{1, 5}, {4, 2}}]

Out[28]= {1., 2.}

In[29]:= AggregationLayer[Times, 1][{1, 2, 3, 4}]

Out[29]= 24.

In[30]:= AggregationLayer[Max, {1, 3}, "Input" -> {2, 3, 4}]

Out[30]= AggregationLayer[<{2, 3, 4} -> 3>]

In[31]:= AggregationLayer[Max, 1 ;; 3, "Input" -> {2, 3, 4}]

Out[31]= AggregationLayer[<{2, 3, 4} -> Real>]

In[32]:= AggregationLayer[Min, 2 ;; 4, "Input" -> {2, 3, 4, 5}]

Out[32]= AggregationLayer[<{2, 3, 4, 5} -> 2>]

In[33]:= AggregationLayer[Mean, 1, "Input" -> {"Varying", 2}][{{{1, 2}}, {{1, 2}, {3, 4}}}]

Out[33]= {{1., 2.}, {2., 3.}}

In[34]:= AggregationLayer[Max, "Input" -> 4]

AggregationLayer::tyfail: The level 2 does not exist in an input of rank 1.

Out[34]= $Failed

In[35]:= AggregationLayer[x]

AggregationLayer::invarg: The function x should be one of Mean, Min, Max,
    Total, Times.

Out[35]= $Failed

In[36]:= AggregationLayer[Max, {0, 2}]

AggregationLayer::invarg: The levels {0, 2} should be a non-zero integer, a
    span, All, or a list of these.

Out[36]= $Failed

In[37]:= InputForm[AggregationLayer[Max, {1, 3}]]

Out[37]//InputForm= AggregationLayer[Max, {1, 3}]
