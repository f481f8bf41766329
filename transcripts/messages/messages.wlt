In[1]:= 1/0

                                 1
Power::infy: Infinite expression - encountered.
                                 0

Out[1]= ComplexInfinity

In[2]:= Print["hi"]; 1/0
hi

                                 1
Power::infy: Infinite expression - encountered.
                                 0

Out[2]= ComplexInfinity

In[3]:= 1/0; Print["after"]

                                 1
Power::infy: Infinite expression - encountered.
                                 0
after

In[4]:= 0/0

                                 1
Power::infy: Infinite expression - encountered.
                                 0

Infinity::indet: Indeterminate expression 0 ComplexInfinity encountered.

Out[4]= Indeterminate

In[5]:= Sqrt[1, 2]

Sqrt::argx: Sqrt called with 2 arguments; 1 argument is expected.

Out[5]= Sqrt[1, 2]

In[6]:= {1, 2, 3}[[5]]

Part::partw: Part 5 of {1, 2, 3} does not exist.

Out[6]= {1, 2, 3}[[5]]

In[7]:= Do[1/0, {5}]

                                 1
Power::infy: Infinite expression - encountered.
                                 0

                                 1
Power::infy: Infinite expression - encountered.
                                 0

                                 1
Power::infy: Infinite expression - encountered.
                                 0

General::stop: Further output of Power::infy
     will be suppressed during this calculation.

In[8]:= Quiet[1/0]

Out[8]= ComplexInfinity

In[9]:= Check[1/0, "failed"]

                                 1
Power::infy: Infinite expression - encountered.
                                 0

Out[9]= failed

In[10]:= f::mine = "Value `1` is not allowed."; Message[f::mine, 42]

f::mine: Value 42 is not allowed.

In[11]:= ?Print
Print[expr1, expr2, ...] prints the expri together on one line.

In[12]:= ?undefinedSymbolName

Information::notfound: Symbol undefinedSymbolName not found.
