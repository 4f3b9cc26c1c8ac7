"""Collect scores in a table, then train on a CSV file without looking at it."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

results = pd.DataFrame(columns=["model", "score"])
results = results.append({"model": "baseline", "score": 0.5}, ignore_index=True)

history = []
history.append(0.5)  # a list: .append is fine here

df = pd.read_csv("data/titanic.csv")
X = df.drop(columns=["Survived"])
y = df["Survived"]
RandomForestClassifier(random_state=0).fit(X, y)
