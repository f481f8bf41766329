In[1]:= \[Alpha] + 2 \[Alpha]

Out[1]= 3 α

In[2]:= {a \[Rule] 1, b → 2}

Out[2]= {a -> 1, b -> 2}

In[3]:= 3 \[Times] 4 \[Divide] 2

Out[3]= 6

In[4]:= f = x \[Function] x^2; f[3]

Out[4]= 9

In[5]:= 1 \[LessEqual] 2 \[And] 3 \[NotEqual] 4

Out[5]= True

In[6]:= x \[Element] Reals // FullForm

General::wlnetni: wlnet does not implement the Wolfram System symbol Element.

Out[6]//FullForm= Element[x, Reals]

In[7]:= {\[Pi] // N, \[Infinity], "\[Alpha]\[Beta]"}

Out[7]= {3.14159, Infinity, αβ}

In[8]:= a <-> b // FullForm

Out[8]//FullForm= TwoWayRule[a, b]

In[9]:= v = {10, 20, 30}; v[ [2] ]

Out[9]= 20

In[10]:= Hold[a;;b;;c;;d] // FullForm

Out[10]//FullForm= Hold[Times[Span[a, b, c], Span[1, d]]]

In[11]:= "\q"

Syntax::stresc: Unknown string escape \q.

Out[11]= \q

In[12]:= \[NoSuchName]

Syntax::sntufn: Unknown unicode longname NoSuchName.
