In[1]:= ElementwiseLayer[Ramp][{-1, 0.5}]

Out[1]= {0., 0.5}

In[2]:= ElementwiseLayer[LogisticSigmoid][{-1, 0, 1}]

Out[2]= {0.268941, 0.5, 0.731059}

In[3]:= ElementwiseLayer[Tanh, "Input" -> 3]

Out[3]= ElementwiseLayer[<3 -> 3>]

In[4]:= ElementwiseLayer[Erf][{0.5, 1}]

Out[4]= {0.5205, 0.842701}

In[5]:= ElementwiseLayer[ArcTan][{1, 2}]

Out[5]= {0.785398, 1.10715}

In[6]:= ElementwiseLayer[Gamma][{0.5, 3}]

Out[6]= {1.77245, 2.}

In[7]:= ElementwiseLayer[Round][{0.5, 1.5, 2.6}]

Out[7]= {0., 2., 3.}

In[8]:= ElementwiseLayer[Sign][{-2, 0, 3}]

Out[8]= {-1., 0., 1.}

In[9]:= ElementwiseLayer[CubeRoot][{-8, 27}]

Out[9]= {-2., 3.}

In[10]:= ElementwiseLayer["ReLU"][{-1, 2}]

Out[10]= {0., 2.}

In[11]:= ElementwiseLayer["ELU"][{-1, 2}]

Out[11]= {-0.632121, 2.}

In[12]:= ElementwiseLayer["SELU"][{-1, 1}]

Out[12]= {-1.11133, 1.0507}

In[13]:= ElementwiseLayer["GELU"][{-1, 1}]

Out[13]= {-0.158655, 0.841345}

In[14]:= ElementwiseLayer["Swish"][{-1, 1}]

Out[14]= {-0.268941, 0.731059}

In[15]:= ElementwiseLayer["HardSwish"][{-4, -1, 1, 4}]

Out[15]= {0., -0.333333, 0.666667, 4.}

In[16]:= ElementwiseLayer["Mish"][{-1, 1}]

Out[16]= {-0.303401, 0.865098}

In[17]:= ElementwiseLayer["SoftSign"][{-1, 3}]

Out[17]= {-0.5, 0.75}

In[18]:= ElementwiseLayer["SoftPlus"][{-1, 0, 100}]

Out[18]= {0.313262, 0.693147, 100.}

In[19]:= ElementwiseLayer["HardTanh"][{-2, 0.5, 2}]

Out[19]= {-1., 0.5, 1.}

In[20]:= ElementwiseLayer["HardSigmoid"][{-2, 0, 0.5}]

Out[20]= {0., 0.5, 0.75}

In[21]:= ElementwiseLayer["Sigmoid"][0]

Out[21]= 0.5

In[22]:= ElementwiseLayer[#^2 + Sin[#] &][{1, 2}]

Out[22]= {1.84147, 4.9093}

In[23]:= ElementwiseLayer[Max[#, 0.1 #] &][{-1, 2}]

Out[23]= {-0.1, 2.}

In[24]:= ElementwiseLayer[If[# > 0, #, Exp[#] - 1] &][{-1, 2}]

Out[24]= {-0.632121, 2.}

In[25]:= ElementwiseLayer[Piecewise[{{#, # > 0}}, 0.5 #] &][{-1, 2}]

Out[25]= {-0.5, 2.}

In[26]:= ElementwiseLayer[Clip[2 #, {-1, 1}] &][{-1, 0.2, 2}]

Out[26]= {-1., 0.4, 1.}

In[27]:= ElementwiseLayer[Function[x, x^3 - 1]][2]

Out[27]= 7.

In[28]:= ElementwiseLayer[Mod[#, 1] &][{1.25, -0.25}]

Out[28]= {0.25, 0.75}

In[29]:= ElementwiseLayer[Zeta]

ElementwiseLayer::invscf: Zeta could not be symbolically evaluated as a unary
    scalar function.

Out[29]= $Failed

In[30]:= ElementwiseLayer[#^2 + Zeta[#] &]

ElementwiseLayer::invscf: #1^2 + Zeta[#1] &  could not be symbolically
    evaluated as a unary scalar function.

Out[30]= $Failed

In[31]:= ElementwiseLayer[#1 + #2 &]

ElementwiseLayer::invscf: #1 + #2 &  could not be symbolically evaluated as a
    unary scalar function.

Out[31]= $Failed

In[32]:= InputForm[ElementwiseLayer[#^2 + Sin[#] &]]

Out[32]//InputForm= ElementwiseLayer[#1^2 + Sin[#1] & ]

In[33]:= InputForm[ElementwiseLayer["SELU"]]

Out[33]//InputForm= ElementwiseLayer["ScaledExponentialLinearUnit"]

In[34]:= InputForm[ElementwiseLayer[If[# > 0, #, 0.1 #] &]]

Out[34]//InputForm= ElementwiseLayer[If[#1 > 0, #1, 0.1*#1] & ]

In[35]:= NetChain[{LinearLayer[3], Erf}, "Input" -> 2]

Out[35]= NetChain[<2 layers, 2 -> 3, uninitialized>]

In[36]:= ThreadingLayer[Times][{{1, 2}, {3, 4}}]

Out[36]= {3., 8.}

In[37]:= ThreadingLayer[#1 + #2^#1 &][{{1, 2}, {3, 4}}]

Out[37]= {4., 18.}

In[38]:= ThreadingLayer[#1 + Ramp[#2] * #3 &]

Out[38]= ThreadingLayer[<Input1: ?, Input2: ?, Input3: ? -> ?>]

In[39]:= %[{{1, 1}, {-1, 2}, {5, 5}}]

Out[39]= {1., 11.}

In[40]:= InputForm[ThreadingLayer[#1 + Ramp[#2] * #3 &]]

Out[40]//InputForm= ThreadingLayer[#1 + Ramp[#2]*#3 & , InputPorts -> 3]

In[41]:= ThreadingLayer[Zeta]

ThreadingLayer::invscf: Zeta could not be symbolically evaluated as a binary
    scalar function.

Out[41]= $Failed
