In[1]:= na = NumericArray[{1, 2, 3, 4}, "UnsignedInteger8"]

Out[1]= NumericArray[<4>, UnsignedInteger8]

In[2]:= real = NumericArray[{{0.25, -1.5, 3.}, {2., 0.125, -0.5}}, "Real32"]

Out[2]= NumericArray[<2,3>, Real32]

In[3]:= Normal[real]

Out[3]= {{0.25, -1.5, 3.}, {2., 0.125, -0.5}}

In[4]:= NumericArray[{{1, 2}, {3, 4}}]

Out[4]= NumericArray[<2,2>, UnsignedInteger8]

In[5]:= NumericArray[{-7, 300}]

Out[5]= NumericArray[<2>, Integer16]

In[6]:= NumericArray[{0.5, 1.5}]

Out[6]= NumericArray[<2>, Real64]

In[7]:= NumericArrayType[real]

Out[7]= Real32

In[8]:= {Dimensions[real], ArrayDepth[real], Length[real], AtomQ[real]}

Out[8]= {{2, 3}, 2, 2, True}

In[9]:= {NumericArrayQ[real], NumericArrayQ[Normal[real]], NumericArrayQ[real, "Real32" | "Real64"], NumericArrayQ[na, _, 2]}

Out[9]= {True, False, True, False}

In[10]:= First[real]

Out[10]= NumericArray[<3>, Real32]

In[11]:= Last[na]

Out[11]= 4

In[12]:= real[[2, 3]]

Out[12]= -0.5

In[13]:= Take[na, -2]

Out[13]= NumericArray[<2>, UnsignedInteger8]

In[14]:= Normal[NumericArray[{100, 255, 256, 1000}, "UnsignedInteger8"]]

Out[14]= {100, 255, 255, 255}

In[15]:= Normal[NumericArray[{-1.5, 2.5, 2.6}, "Integer8"]]

Out[15]= {-2, 2, 3}

In[16]:= Normal[NumericArray[{-1.7, 2.6}, "Integer8", "Coerce"]]

Out[16]= {-1, 2}

In[17]:= Normal[NumericArray[{-200, 200}, "Integer8", "ClipAndCoerce"]]

Out[17]= {-128, 127}

In[18]:= NumericArray[{1000}, "Integer8", "Check"]

NumericArray::nconvss: The argument {1000}
     cannot be converted to a NumericArray of type Integer8 using method
    Check.

Out[18]= NumericArray[{1000}, Integer8, Check]

In[19]:= NumericArray[{1.5}, "Integer16", "ClipAndCheck"]

NumericArray::nconvss: The argument {1.5}
     cannot be converted to a NumericArray of type Integer16 using method
    ClipAndCheck.

Out[19]= NumericArray[{1.5}, Integer16, ClipAndCheck]

In[20]:= NumericArray[{1, 2}, "Integer128"]

NumericArray::type: Integer128 is not a NumericArray type; the types are
    Integer8, UnsignedInteger8, Integer16, UnsignedInteger16, Integer32,
    UnsignedInteger32, Integer64, UnsignedInteger64, Real32, Real64.

Out[20]= NumericArray[{1, 2}, Integer128]

In[21]:= NumericArray[{1, 2}, "Real32", "Truncate"]

NumericArray::method: Truncate is not a conversion method; the methods are
    ClipAndRound, Check, Coerce, Round, ClipAndCheck, ClipAndCoerce.

Out[21]= NumericArray[{1, 2}, Real32, Truncate]

In[22]:= NumericArray[{1, x}, "Real32"]

NumericArray::nconvss: The argument {1, x}
     cannot be converted to a NumericArray of type Real32 using method
    ClipAndRound.

Out[22]= NumericArray[{1, x}, Real32]

In[23]:= na === NumericArray[{1, 2, 3, 4}, "UnsignedInteger8"]

Out[23]= True

In[24]:= na === NumericArray[{1, 2, 3, 4}, "Integer8"]

Out[24]= False

In[25]:= na == {1, 2, 3, 4}

Out[25]= True

In[26]:= InputForm[real]

Out[26]//InputForm= NumericArray[{{0.25, -1.5, 3.}, {2., 0.125, -0.5}}, "Real32"]

In[27]:= FullForm[na]

Out[27]//FullForm= NumericArray[List[1, 2, 3, 4], "UnsignedInteger8"]

In[28]:= l = LinearLayer[2, "Weights" -> NumericArray[{{1, 2}, {3, 4}}, "Real32"], "Biases" -> None]

Out[28]= LinearLayer[<2 -> 2, initialized>]

In[29]:= l[NumericArray[{1, 1}, "Real32"]]

Out[29]= NumericArray[<2>, Real32]

In[30]:= Normal[%]

Out[30]= {3., 7.}

In[31]:= l[{1, 1}]

Out[31]= {3., 7.}
