In[1]:= Print[FullForm[a + b]]
Plus[a, b]

In[2]:= ToString[FullForm[Hold[a + b]]]

Out[2]= Hold[Plus[a, b]]

In[3]:= ToString[InputForm[{"a"}]]

Out[3]= {"a"}

In[4]:= {FullForm[1/x], InputForm["s"], OutputForm[1/2]}

                            1
Out[4]= {Power[x, -1], "s", -}
                            2

In[5]:= ToString[NumberForm[1234.5678, 6]]

Out[5]= 1234.57

In[6]:= NumberForm[{1.23456, 2.5, 10}, 3]

Out[6]//NumberForm= {1.23, 2.5, 10}

In[7]:= NumberForm[N[Pi], {5, 2}]

Out[7]//NumberForm= 3.14

In[8]:= TableForm[{{1, 22, 333}, {4444, 5, 6}}]

Out[8]//TableForm= 1      22   333

                   4444   5    6

In[9]:= MatrixForm[{{1, 2}, {3, 4}}]

Out[9]//MatrixForm= 1   2

                    3   4

In[10]:= m = {{1/2, 1}, {x^2, -3}}; MatrixForm[m]

Out[10]//MatrixForm= 1
                     -    1
                     2

                      2
                     x    -3

In[11]:= TableForm[{a, b, c}]

Out[11]//TableForm= a

                    b

                    c

In[12]:= Print["M = ", MatrixForm[{{1, 0}, {0, 1}}]]
M = 1   0

    0   1

In[13]:= Short[Range[100]]

Out[13]//Short= {1, 2, 3, 4, 5, 6, 7, <<86>>, 94, 95, 96, 97, 98, 99, 100}

In[14]:= Shallow[Range[100]]

Out[14]//Shallow= {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, <<90>>}

In[15]:= Shallow[Nest[f, x, 10]]

Out[15]//Shallow= f[f[f[f[<<1>>]]]]

In[16]:= x[[Range[50]]] // Short

Part::partd: Part specification x[[{1, 2, 3, <<44>>, 48, 49, 50}]]
     is longer than depth of object.

Out[16]//Short= x[[{1, 2, 3, 4, 5, 6, <<38>>, 45, 46, 47, 48, 49, 50}]]

In[17]:= FullForm[Short[Range[20], 0.3]]

Out[17]//FullForm= Short[List[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.3]

In[18]:= ToString[TableForm[{{1, 2}, {3, 4}}]]

Out[18]= 1   2

         3   4

In[19]:= Range[100][[200]]

Part::partw: Part 200 of {1, 2, 3, <<94>>, 98, 99, 100} does not exist.

Out[19]= {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,

>    20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,

>    38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55,

>    56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73,

>    74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91,

>    92, 93, 94, 95, 96, 97, 98, 99, 100}[[200]]

In[20]:= NetTrain[LinearLayer[1], Table[{i} -> {i}, {i, 1000}], LearningRateMultiplier -> 1];

NetTrain::optx: Unknown option LearningRateMultiplier in
    NetTrain[LinearLayer[<? -> 1, uninitialized>], {{1} -> {1}, {2} -> {2},
    {3} -> {3}, <<994>>, {998} -> {998}, {999} -> {999}, {1000} -> {1000}},
    LearningRateMultiplier -> 1]. Did you mean LearningRateMultipliers?
