// Replaced by the benchmark scenarios below in a following commit.
print("ltc-bench: no scenarios yet")
