In[1]:= f[x_] := x^2

In[2]:= f[3] + f[a]

             2
Out[2]= 9 + a

In[3]:= g[x_Integer] := "int"; g[x_Real] := "real"; {g[1], g[1.5], g["s"]}

Out[3]= {int, real, g[s]}

In[4]:= MatchQ[{1, 2, 3}, {__Integer}]

Out[4]= True

In[5]:= Cases[{1, a, 2.5, "s", b}, _Symbol]

Out[5]= {a, b}

In[6]:= {1, 2, 3, 4} /. x_ /; x > 2 -> 0

Out[6]= {1, 2, 0, 0}

In[7]:= h[x_, y_: 10] := x + y; {h[1], h[1, 2]}

Out[7]= {11, 3}

In[8]:= ReplaceAll[p[1, 2], p[a_, b_] :> a - b]

Out[8]= -1

In[9]:= fact[0] = 1; fact[n_] := n fact[n - 1]; fact[10]

Out[9]= 3628800

In[10]:= Position[{a, b, a}, a]

Out[10]= {{1}, {3}}

In[11]:= DeleteCases[{1, "x", 2, "y"}, _String]

Out[11]= {1, 2}

