In[1]:= LinearLayer[5]

Out[1]= LinearLayer[<? -> 5, uninitialized>]

In[2]:= LinearLayer[3, "Input" -> 2]

Out[2]= LinearLayer[<2 -> 3, uninitialized>]

In[3]:= layer = NetInitialize[LinearLayer[3, "Input" -> 2]]

Out[3]= LinearLayer[<2 -> 3, initialized>]

In[4]:= layer[{1, 2}]

Out[4]= {0.519441, -0.116925, -2.06978}

In[5]:= layer[{{1, 2}, {3, 4}}]

Out[5]= {{0.519441, -0.116925, -2.06978}, {2.08328, 0.693435, -4.5359}}

In[6]:= fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None]

Out[6]= LinearLayer[<2 -> 2, initialized>]

In[7]:= fixed[{1, 2}]

Out[7]= {2., 2.}

In[8]:= fixed[["Weights"]]

Out[8]= {{1., 0.5}, {0., 1.}}

In[9]:= LinearLayer[{}, "Input" -> 3]

Out[9]= LinearLayer[<3 -> Real, uninitialized>]

In[10]:= InputForm[fixed]

Out[10]//InputForm= LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None, "Input" -> 2]

In[11]:= LinearLayer[-1]

LinearLayer::invarg: The output size -1 should be a positive integer or a
    list of them.

Out[11]= $Failed

In[12]:= LinearLayer[2, "Foo" -> 3]

LinearLayer::optx: Unknown option Foo in LinearLayer[2, Foo -> 3].

Out[12]= $Failed
