In[1]:= assoc = <|"a" -> 1, "b" -> 2|>

Out[1]= <|a -> 1, b -> 2|>

In[2]:= assoc["b"]

Out[2]= 2

In[3]:= Keys[assoc]

Out[3]= {a, b}

In[4]:= Values[assoc]

Out[4]= {1, 2}

In[5]:= assoc["c"]

Out[5]= Missing[KeyAbsent, c]

In[6]:= Lookup[assoc, "c", 0]

Out[6]= 0

In[7]:= Append[assoc, "c" -> 3]

Out[7]= <|a -> 1, b -> 2, c -> 3|>

In[8]:= KeyExistsQ[assoc, "a"]

Out[8]= True

In[9]:= Length[assoc]

Out[9]= 2

In[10]:= Map[#^2 &, assoc]

Out[10]= <|a -> 1, b -> 4|>

In[11]:= AssociationThread[{x, y}, {1, 2}]

Out[11]= <|x -> 1, y -> 2|>

In[12]:= Normal[<|1 -> a|>]

Out[12]= {1 -> a}
