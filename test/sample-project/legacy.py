# A snippet copied from a 2015 blog post.
def mean(values):
    if len(values) <> 0:
        return sum(values) / len(values)
    return 0

print "mean:", mean([1, 2, 3])
