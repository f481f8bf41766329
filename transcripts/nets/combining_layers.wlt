In[1]:= dot = DotLayer[]

Out[1]= DotLayer[<() -> ?>]

In[2]:= dot[{{1, 2, 3}, {4, 5, 6}}]

Out[2]= 32.

In[3]:= DotLayer["Input1" -> 3]

DotLayer::optx: Unknown option Input1 in DotLayer[Input1 -> 3].

Out[3]= $Failed

In[4]:= d2 = DotLayer[InputPorts -> {{2, 3}, 3}]

Out[4]= DotLayer[<Input1: {2, 3}, Input2: 3 -> 2>]

In[5]:= d2[{{{1, 2, 3}, {4, 5, 6}}, {1, 0, -1}}]

Out[5]= {-2., -2.}

In[6]:= DotLayer[][{{{1, 2}, {3, 4}}, {{0, 1}, {1, 0}}}]

Out[6]= {{2., 1.}, {4., 3.}}

In[7]:= DotLayer[InputPorts -> 3][{{{1, 2}, {3, 4}}, {{0, 1}, {1, 0}}, {{2, 0}, {0, 2}}}]

Out[7]= {{4., 2.}, {8., 6.}}

In[8]:= DotLayer[{1 <-> 2, None}][{{{1, 2}, {3, 4}}, {{1, 0}, {0, 1}}}]

Out[8]= {{1., 3.}, {2., 4.}}

In[9]:= DotLayer[InputPorts -> {{2, 3}, {2, 3}}]

DotLayer::tyfail: DotLayer cannot take the dot product of a matrix of size
    2×3 and a matrix of size 2×3: the last dimension of the first is not the
    first of the second.

Out[9]= $Failed

In[10]:= g = NetGraph[{DotLayer[], ElementwiseLayer[Tanh]}, {{NetPort["a"], NetPort["b"]} -> 1 -> 2}, "a" -> 3, "b" -> 3]

Out[10]= NetGraph[<2 nodes, 4 edges, a: 3, b: 3 -> Real>]

In[11]:= g[<|"a" -> {1, 2, 3}, "b" -> {0.1, 0.1, 0.1}|>]

Out[11]= 0.53705

In[12]:= c = ConstantArrayLayer["Array" -> {1, 2, 3}]

Out[12]= ConstantArrayLayer[<() -> 3, initialized>]

In[13]:= c[]

Out[13]= {1., 2., 3.}

In[14]:= NetExtract[c, "Array"]

Out[14]= {1., 2., 3.}

In[15]:= ConstantArrayLayer["Output" -> {2, 3}]

Out[15]= ConstantArrayLayer[<() -> {2, 3}, uninitialized>]

In[16]:= NetInitialize[ConstantArrayLayer["Output" -> 3]][]

Out[16]= {0., 0., 0.}

In[17]:= InputForm[c]

Out[17]//InputForm= ConstantArrayLayer["Array" -> {1., 2., 3.}, "Output" -> 3]

In[18]:= plus = NetGraph[{ConstantArrayLayer["Array" -> {10, 20}], ThreadingLayer[Plus]}, {{NetPort["Input"], 1} -> 2}]

Out[18]= NetGraph[<2 nodes, 3 edges, 2 -> 2, initialized>]

In[19]:= plus[{{1, 2}, {3, 4}}]

Out[19]= {{11., 22.}, {13., 24.}}

In[20]:= NetArrayLayer["Array" -> {{1, 2}, {3, 4}}][]

Out[20]= {{1., 2.}, {3., 4.}}

In[21]:= SoftmaxLayer[][{1, 2, 3}]

Out[21]= {0.0900306, 0.244728, 0.665241}

In[22]:= SoftmaxLayer[1]

Out[22]= SoftmaxLayer[<? -> ?>]

In[23]:= SoftmaxLayer[1, "Input" -> {3, 2}][{{1, 1}, {2, 2}, {3, 3}}]

Out[23]= {{0.0900306, 0.0900306}, {0.244728, 0.244728}, {0.665241, 0.665241}}

In[24]:= SoftmaxLayer[-2, "Input" -> {3, 2}][{{1, 1}, {2, 2}, {3, 3}}]

Out[24]= {{0.0900306, 0.0900306}, {0.244728, 0.244728}, {0.665241, 0.665241}}

In[25]:= SoftmaxLayer[4, "Input" -> {2, 3, 4}]

SoftmaxLayer::tyfail: The level 4 does not exist in an input of rank 3.

Out[25]= $Failed

In[26]:= SoftmaxLayer[3, "Input" -> {2, 3, 1}]

SoftmaxLayer::tyfail: SoftmaxLayer[3] would give a constant output for an
    array of dimensions 2×3×1.

Out[26]= $Failed

In[27]:= SoftmaxLayer[0]

SoftmaxLayer::invarg: The level 0 should be a non-zero integer.

Out[27]= $Failed

In[28]:= InputForm[SoftmaxLayer[1, "Input" -> {3, 2}]]

Out[28]//InputForm= SoftmaxLayer[1, "Input" -> {3, 2}]

In[29]:= CatenateLayer[][{{1, 2}, {3, 4, 5}}]

Out[29]= {1., 2., 3., 4., 5.}

In[30]:= CatenateLayer[2][{{{1, 2}, {3, 4}}, {{5}, {6}}}]

Out[30]= {{1., 2., 5.}, {3., 4., 6.}}

In[31]:= CatenateLayer[2, InputPorts -> {{3, 2}, {3, 4}}]

Out[31]= CatenateLayer[<Input1: {3, 2}, Input2: {3, 4} -> {3, 6}>]

In[32]:= CatenateLayer[InputPorts -> {{3, 2}, 4}]

Out[32]= CatenateLayer[<Input1: {3, 2}, Input2: 4 -> {3, 6}>]

In[33]:= CatenateLayer[3, InputPorts -> {{3, 2}, {3, 4}}]

CatenateLayer::tyfail: The level 3 is deeper than the rank 2 of the
    lowest-rank input.

Out[33]= $Failed

In[34]:= CatenateLayer[2, InputPorts -> {{"Varying", 2}, {"Varying", 3}}]

Out[34]= CatenateLayer[<Input1: {n, 2}, Input2: {n, 3} -> {n, 5}>]

In[35]:= CatenateLayer[0]

CatenateLayer::invarg: The level 0 should be a positive integer.

Out[35]= $Failed

In[36]:= InputForm[CatenateLayer[2, InputPorts -> {{3, 2}, {3, 4}}]]

Out[36]//InputForm= CatenateLayer[2, InputPorts -> {{3, 2}, {3, 4}}, "Output" -> {3, 6}]
