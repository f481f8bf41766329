In[1]:= UnitVector[4, 2]

Out[1]= {0, 1, 0, 0}

In[2]:= PadLeft[{a, b, c}, 10, {x, y, z}, 2]

Out[2]= {y, z, x, y, z, a, b, c, x, y}

In[3]:= PadRight[{{1, 2}, {3}}]

Out[3]= {{1, 2}, {3, 0}}

In[4]:= RotateRight[Range[6], 2]

Out[4]= {5, 6, 1, 2, 3, 4}

In[5]:= Subdivide[0, 1, 4]

            1  1  3
Out[5]= {0, -, -, -, 1}
            4  2  4

In[6]:= TakeDrop[{a, b, c, d, e}, 2]

Out[6]= {{a, b}, {c, d, e}}

In[7]:= Intersection[{1, 3, 2, 1}, {3, 1, 5}]

Out[7]= {1, 3}

In[8]:= Complement[{a, b, c, d}, {b}]

Out[8]= {a, c, d}

In[9]:= MaximalBy[{{a, 1}, {b, 3}, {c, 3}}, Last]

Out[9]= {{b, 3}, {c, 3}}

In[10]:= TakeLargestBy[{-3, 1, 4, -5, 2}, Abs, 2]

Out[10]= {-5, 4}

In[11]:= {Log2[8], Log10[1000], Log2[3]}

                Log[3]
Out[11]= {3, 3, ------}
                Log[2]

In[12]:= Binomial[10, 3]

Out[12]= 120

In[13]:= Permutations[{a, b, c}, {2}]

Out[13]= {{a, b}, {a, c}, {b, a}, {b, c}, {c, a}, {c, b}}

In[14]:= AssociationMap[StringLength, {"cat", "horse"}]

Out[14]= <|cat -> 3, horse -> 5|>

In[15]:= MovingAverage[{1, 2, 3, 4}, 2]

          3  5  7
Out[15]= {-, -, -}
          2  2  2

In[16]:= UnitVector[3, 4]

UnitVector::nokun: There is no unit vector in direction 4 in 3 dimensions.

Out[16]= UnitVector[3, 4]

In[17]:= TakeLargest[{1, 2}, 4]

TakeLargest::insuff: Cannot take 4 elements from {1, 2}, which has 2.

Out[17]= TakeLargest[{1, 2}, 4]
