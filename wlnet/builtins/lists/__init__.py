"""Lists, as Wolfram's guide pages group them: constructing lists, elements of lists,
adding to lists, rearranging, ordering, and arithmetic on whole lists."""
