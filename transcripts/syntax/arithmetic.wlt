In[1]:= x = 1 + 1

Out[1]= 2

In[2]:= 2^10 - 3*4

Out[2]= 1012

In[3]:= 1/3 + 1/6

        1
Out[3]= -
        2

In[4]:= 7/2 // N

Out[4]= 3.5

In[5]:= 10! / 8!

Out[5]= 90

In[6]:= 2.5*^3 + 16^^FF

Out[6]= 2755.

In[7]:= a + b + a

Out[7]= 2 a + b

In[8]:= (x + 1)^2 (* comments (* nest *) and are ignored *)

Out[8]= 9

In[9]:= Sqrt[16] + Sqrt[2]

Out[9]= 4 + Sqrt[2]

In[10]:= Mod[17, 5] == 2 && 3 === 3

Out[10]= True

In[11]:= N[Pi, 3] + 0.5

N::wlnetprec: N[expr, 3] gives machine reals (about 16 digits) in wlnet.

Out[11]= 3.64159

In[12]:= f = Function[{u, v},
          u^2 + v]; f[3, 1]

Out[12]= 10

In[13]:= "a \"quoted\" string"

Out[13]= a "quoted" string

In[14]:= FullForm[1/z + y^2]

Out[14]//FullForm= Plus[Power[y, 2], Power[z, -1]]

In[15]:= InputForm[{1/2, 0.1, "s"}]

Out[15]//InputForm= {1/2, 0.1, "s"}
