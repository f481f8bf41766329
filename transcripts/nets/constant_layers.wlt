In[1]:= ConstantTimesLayer[]

Out[1]= ConstantTimesLayer[<? -> ?, uninitialized>]

In[2]:= c = ConstantTimesLayer["Scaling" -> {1, 2, 3}]

Out[2]= ConstantTimesLayer[<3 -> 3, initialized>]

In[3]:= c[{1, 1, 1}]

Out[3]= {1., 2., 3.}

In[4]:= c[{{1, 2, 3}, {4, 5, 6}}]

Out[4]= {{1., 4., 9.}, {4., 10., 18.}}

In[5]:= NetInitialize[ConstantTimesLayer["Input" -> 3]][["Scaling"]]

Out[5]= {1., 1., 1.}

In[6]:= p = NetInitialize[ConstantPlusLayer["Input" -> {2, 2}]]

Out[6]= ConstantPlusLayer[<{2, 2} -> {2, 2}, initialized>]

In[7]:= NetExtract[p, "Biases"]

Out[7]= {{0., 0.}, {0., 0.}}

In[8]:= ConstantPlusLayer["Biases" -> {1, 2}][{10, 20}]

Out[8]= {11., 22.}

In[9]:= InputForm[c]

Out[9]//InputForm= ConstantTimesLayer["Scaling" -> {1., 2., 3.}, "Input" -> 3]

In[10]:= net = NetTrain[NetChain[{ConstantTimesLayer[], ConstantPlusLayer[]}, "Input" -> 2], {{1, 2} -> {3, 5}, {3, 1} -> {7, 3}, {0, 0} -> {1, 1}}, MaxTrainingRounds -> 2000, TrainingProgressReporting -> None]

Out[10]= NetChain[<2 layers, 2 -> 2, initialized>]

In[11]:= Round[{net[[1, "Scaling"]], net[[2, "Biases"]]}, 0.01]

Out[11]= {{1.98, 1.98}, {0.98, 0.98}}

In[12]:= NetInformation[net, "ArraysDimensions"]

Out[12]= <|{1, Scaling} -> {2}, {2, Biases} -> {2}|>

In[13]:= ConstantTimesLayer["Scaling" -> {1, 2}, "Input" -> 3]

ConstantTimesLayer::tyfail: The input and the Scaling: a vector of size 3
    does not fit a vector of size 2.

Out[13]= $Failed

In[14]:= ConstantTimesLayer["Input" -> "Real"]

ConstantTimesLayer::tyfail: ConstantTimesLayer needs at least a vector, not a
    real number.

Out[14]= $Failed

In[15]:= ConstantPlusLayer["Biases" -> {{1, 2}}, "Input" -> 2]

ConstantPlusLayer::tyfail: The input and the Biases: a vector of size 2 does
    not fit a matrix of size 1×2.

Out[15]= $Failed
