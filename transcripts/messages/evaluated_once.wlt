In[1]:= x = Sin[1, 2]

Sin::argx: Sin called with 2 arguments; 1 argument is expected.

Out[1]= Sin[1, 2]

In[2]:= Identity[{1, 2}[[5]]]

Part::partw: Part 5 of {1, 2} does not exist.

Out[2]= {1, 2}[[5]]

In[3]:= f[y_] := y; f[Sin[1, 2]]

Sin::argx: Sin called with 2 arguments; 1 argument is expected.

Out[3]= Sin[1, 2]

In[4]:= h[] := Sin[1, 2]; {h[], h[]}

Sin::argx: Sin called with 2 arguments; 1 argument is expected.

Sin::argx: Sin called with 2 arguments; 1 argument is expected.

Out[4]= {Sin[1, 2], Sin[1, 2]}

In[5]:= a = 1; b = a + 1; a = 5; b

Out[5]= 2
