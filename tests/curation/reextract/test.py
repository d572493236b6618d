# The module bound from crate_v2 through the re-extracted interface file: every
# curation made on the crate_v1 file is still in effect.
import inspect

import reextract as m

# A renamed function.
assert m.plus(2, 3) == 5
assert not hasattr(m, "add")

# A renamed parameter and a default.
assert m.repeat("ab") == "abab"
assert m.repeat(text="x", times=3) == "xxx"
assert list(inspect.signature(m.repeat).parameters) == ["text", "times"]
assert inspect.signature(m.repeat).parameters["times"].default == 2

# A replaced docstring.
assert m.greet.__doc__ == "Says hello.", m.greet.__doc__
assert m.greet("Ada") == "Hello, Ada!"

# The function that releases the GIL still works.
assert m.busy(1000) == sum(i * i for i in range(1000))

# A skipped function, and the one that vanished (under either name).
assert not hasattr(m, "secret")
assert not hasattr(m, "gone") and not hasattr(m, "vanishing")

# The instantiation of the generic function.
assert m.largest_i64([3, 9, 2]) == 9

# The changed signature and the new function.
assert m.scale(2.0, 1.5) == 3.0
assert m.triple(3) == 9

# A renamed method.
c = m.Counter(5)
assert c.increment() == 6
assert c.count == 6
assert not hasattr(c, "bump")

print("ok")
