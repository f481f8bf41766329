In[1]:= FlattenLayer[]

Out[1]= FlattenLayer[<? -> ?>]

In[2]:= flat = FlattenLayer["Input" -> {2, 3}]

Out[2]= FlattenLayer[<{2, 3} -> 6>]

In[3]:= flat[{{1, 2, 3}, {4, 5, 6}}]

Out[3]= {1., 2., 3., 4., 5., 6.}

In[4]:= f1 = FlattenLayer[1, "Input" -> {2, 3, 4}]

Out[4]= FlattenLayer[<{2, 3, 4} -> {6, 4}>]

In[5]:= Dimensions[f1[ArrayReshape[Range[24], {2, 3, 4}]]]

Out[5]= {6, 4}

In[6]:= Dimensions[FlattenLayer[2][ArrayReshape[Range[120], {2, 3, 4, 5}]]]

Out[6]= {24, 5}

In[7]:= Dimensions[FlattenLayer[-2][ArrayReshape[Range[120], {2, 3, 4, 5}]]]

Out[7]= {2, 60}

In[8]:= FlattenLayer[Infinity][{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}]

Out[8]= {1., 2., 3., 4., 5., 6., 7., 8.}

In[9]:= FlattenLayer["Input" -> {2, 2}][{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}]

Out[9]= {{1., 2., 3., 4.}, {5., 6., 7., 8.}}

In[10]:= FlattenLayer[2, "Input" -> {2, 3}]

FlattenLayer::tyfail: The level 2 needs an input of rank more than 2, not 2.

Out[10]= $Failed

In[11]:= FlattenLayer[0]

FlattenLayer::invarg: The level 0 should be a non-zero integer, Infinity, or
    a list of lists of levels.

Out[11]= $Failed

In[12]:= InputForm[FlattenLayer[-1, "Input" -> {2, 3, 4}]]

Out[12]//InputForm= FlattenLayer[-1, "Input" -> {2, 3, 4}]

In[13]:= r = ReshapeLayer[{2, 3}]

Out[13]= ReshapeLayer[<? -> {2, 3}>]

In[14]:= r[Range[6]]

Out[14]= {{1., 2., 3.}, {4., 5., 6.}}

In[15]:= ReshapeLayer[{3, Automatic}][Range[6]]

Out[15]= {{1., 2.}, {3., 4.}, {5., 6.}}

In[16]:= ReshapeLayer[{Inherited, 2, Automatic}, "Input" -> {2, 3, 4}]

Out[16]= ReshapeLayer[<{2, 3, 4} -> {2, 2, 6}>]

In[17]:= ReshapeLayer[{3, 2}, "Input" -> {2, 4}]

ReshapeLayer::tyfail: The output would have 6 elements, the input has 8.

Out[17]= $Failed

In[18]:= ReshapeLayer[{2, Automatic, Automatic}]

ReshapeLayer::invarg: The dimensions {2, Automatic, Automatic} may hold only
    one Automatic.

Out[18]= $Failed

In[19]:= ReshapeLayer[{2, 3}, "Input" -> {"Varying", 3}]

ReshapeLayer::tyfail: The first dimension must be Inherited for a varying
    input.

Out[19]= $Failed

In[20]:= ReshapeLayer[{Inherited, 3, 2}, "Input" -> {"Varying", 6}]

Out[20]= ReshapeLayer[<{n, 6} -> {n, 3, 2}>]

In[21]:= TransposeLayer[]

Out[21]= TransposeLayer[<? -> ?>]

In[22]:= TransposeLayer["Input" -> {2, 3}][{{1, 2, 3}, {4, 5, 6}}]

Out[22]= {{1., 4.}, {2., 5.}, {3., 6.}}

In[23]:= TransposeLayer[1 <-> 3, "Input" -> {2, 3, 4}]

Out[23]= TransposeLayer[<{2, 3, 4} -> {4, 3, 2}>]

In[24]:= TransposeLayer[{2 -> 4}, "Input" -> {1, 2, 3, 4}]

Out[24]= TransposeLayer[<{1, 2, 3, 4} -> {1, 3, 4, 2}>]

In[25]:= TransposeLayer[{3, 1, 2}, "Input" -> {1, 2, 3, 4}]

Out[25]= TransposeLayer[<{1, 2, 3, 4} -> {2, 3, 1, 4}>]

In[26]:= TransposeLayer[{1 <-> 2, 3 <-> 4}, "Input" -> {1, 2, 3, 4}]

Out[26]= TransposeLayer[<{1, 2, 3, 4} -> {2, 1, 4, 3}>]

In[27]:= TransposeLayer[{3, 3, 2}]

TransposeLayer::invarg: The specification {3, 3, 2} is not a permutation of
    {1, ..., 3}.

Out[27]= $Failed

In[28]:= TransposeLayer["Input" -> 3]

TransposeLayer::tyfail: TransposeLayer needs an array of rank 2 or more, not
    a vector of size 3.

Out[28]= $Failed

In[29]:= InputForm[TransposeLayer[3, "Input" -> {1, 2, 3}]]

Out[29]//InputForm= TransposeLayer[1 <-> 3, "Input" -> {1, 2, 3}]

In[30]:= PartLayer[2][{1, 2, 3}]

Out[30]= 2.

In[31]:= PartLayer[-1][{{1, 2}, {3, 4}}]

Out[31]= {3., 4.}

In[32]:= PartLayer[2 ;; 3][{1, 2, 3, 4}]

Out[32]= {2., 3.}

In[33]:= PartLayer[{All, 2}][{{1, 2, 3}, {4, 5, 6}}]

Out[33]= {2., 5.}

In[34]:= PartLayer[{2, 1 ;; 3, -2 ;; -1}, "Input" -> {4, 5, 2}]

Out[34]= PartLayer[<{4, 5, 2} -> {3, 2}>]

In[35]:= PartLayer[4, "Input" -> {3, 3}]

PartLayer::tyfail: The specification 4 cannot refer to a position beyond 3.

Out[35]= $Failed

In[36]:= PartLayer[3 ;; 2]

PartLayer::invarg: The part specification 3;;2 holds an empty span.

Out[36]= $Failed

In[37]:= PartLayer[{All, 1}, "Input" -> {"Varying", 3}]

Out[37]= PartLayer[<{n, 3} -> {n}>]

In[38]:= ReplicateLayer[3][{1, 2}]

Out[38]= {{1., 2.}, {1., 2.}, {1., 2.}}

In[39]:= ReplicateLayer[{4, 2}, "Input" -> 2]

Out[39]= ReplicateLayer[<2 -> {4, 2, 2}>]

In[40]:= ReplicateLayer[3, -1][{1, 2}]

Out[40]= {{1., 1., 1.}, {2., 2., 2.}}

In[41]:= ReplicateLayer[3, 2, "Input" -> {4, 5}]

Out[41]= ReplicateLayer[<{4, 5} -> {4, 3, 5}>]

In[42]:= ReplicateLayer[Automatic, "Output" -> {3, 2}]

Out[42]= ReplicateLayer[<2 -> {3, 2}>]

In[43]:= ReplicateLayer[{}]

ReplicateLayer::invarg: The specification {} should be a positive integer,
    Automatic, or a non-empty list of these.

Out[43]= $Failed

In[44]:= PaddingLayer[{{1, 2}}][{1, 2, 3}]

Out[44]= {0., 1., 2., 3., 0., 0.}

In[45]:= PaddingLayer[{{1, 2}}][{{1, 2, 3}, {4, 5, 6}}]

Out[45]= {{0., 1., 2., 3., 0., 0.}, {0., 4., 5., 6., 0., 0.}}

In[46]:= PaddingLayer[{{1, 1}, {2, 0}}][{{1, 2}, {3, 4}}]

Out[46]= {{0., 0., 0., 0.}, {0., 0., 1., 2.}, {0., 0., 3., 4.}, {0., 0., 0.,

>    0.}}

In[47]:= PaddingLayer[{{1, 2}}, Padding -> -999][{1, 2, 3}]

Out[47]= {-999., 1., 2., 3., -999., -999.}

In[48]:= PaddingLayer[{{1, 2}}, Padding -> "Fixed"][{1, 2, 3}]

Out[48]= {1., 1., 2., 3., 3., 3.}

In[49]:= PaddingLayer[{{1, 2}}, Padding -> "Reflected"][{1, 2, 3}]

Out[49]= {2., 1., 2., 3., 2., 1.}

In[50]:= PaddingLayer[{{1, 2}}, Padding -> "Periodic"][{1, 2, 3}]

Out[50]= {3., 1., 2., 3., 1., 2.}

In[51]:= PaddingLayer[{{0, 0}, {1, 1}, {1, 1}}, Padding -> "Fixed", "Input" -> {3, 4, 4}]

Out[51]= PaddingLayer[<{3, 4, 4} -> {3, 6, 6}>]

In[52]:= PaddingLayer[{{1, 2}}, Padding -> "Reflected", "Input" -> 2]

PaddingLayer::tyfail: With Padding -> "Reflected" each padding must be
    smaller than the input's dimension.

Out[52]= $Failed

In[53]:= InputForm[PaddingLayer[{{1, 2}}, Padding -> "Fixed", "Input" -> 3]]

Out[53]//InputForm= PaddingLayer[{{1, 2}}, Padding -> "Fixed", "Input" -> 3]

In[54]:= FlattenLayer[{{2, 3}, {1}}][ArrayReshape[Range[12], {2, 3, 2}]]

Out[54]= {{1., 7.}, {2., 8.}, {3., 9.}, {4., 10.}, {5., 11.}, {6., 12.}}

In[55]:= FlattenLayer[{{3, 1}, {2}}, "Input" -> {2, 3, 4}]

Out[55]= FlattenLayer[<{2, 3, 4} -> {8, 3}>]

In[56]:= FlattenLayer[{{1, 1}}, "Input" -> {2, 3}]

FlattenLayer::tyfail: The levels {{1, 1}} do not each name a different level
    of an input of rank 2.

Out[56]= $Failed
