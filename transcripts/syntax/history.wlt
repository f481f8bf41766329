In[1]:= 1 + 1

Out[1]= 2

In[2]:= % + 1

Out[2]= 3

In[3]:= %% * 10

Out[3]= 20

In[4]:= %1 + %2

Out[4]= 5

In[5]:= x = 5;

In[6]:= %

In[7]:= Out[2]

Out[7]= 3

In[8]:= In[1]

Out[8]= 2

In[9]:= $Line

Out[9]= 9
