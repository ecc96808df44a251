"""`seed_demo`'s parts: the commune, the plan of each request's story, and playing it through the
product's own functions (`intake`, `workflow`, `surveys`), each step at its own moment."""
